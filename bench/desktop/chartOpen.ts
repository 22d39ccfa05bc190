// Chart open → first data drawn, in Debian's Chromium against a real server
// (`pnpm serve`'s entry point, in its own process) with the rover simulator
// streaming: a chart of one channel is opened from the sidebar (coming from a
// note) and timed in the page from the click until the plot holds samples and
// a frame has been painted. The first open includes loading the chart's code;
// the later ones are warm. Today's renderer and, beside it in the same run,
// the renderer of the reference commit (before code splitting and the design
// system). Prints JSON with the figures.
//   pnpm exec tsx bench/desktop/chartOpen.ts [--runs 7] [--no-reference]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRenderer, launchChromium } from '../../apps/desktop/test/browser';
import { addChannel, newChart } from '../../apps/desktop/test/chartUi';
import {
  buildReferenceRenderer,
  REFERENCE_COMMIT,
} from '../../apps/desktop/test/referenceRenderer';
import { startRover } from '../../apps/desktop/test/roverStream';
import { startServerProcess } from '../../apps/desktop/test/serverProcess';
import { createWorkspace, seedManyNotes, signUp } from './seed';
import { signedInContext } from './session';

type Browser = Awaited<ReturnType<typeof launchChromium>>;
type Page = Awaited<ReturnType<Browser['newPage']>>;

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 7);
/** The goal for chart open → first data drawn (ms). */
const BUDGET_MS = 300;
const CHANNEL = 'rover.wheel.fl.current (A)';

/** A renderer build under test: where it is, how its sidebar lists a document, how it makes a chart. */
interface Target {
  readonly name: string;
  readonly webDir: string;
  readonly itemRole: 'link' | 'button';
  newChart(page: Page): Promise<void>;
}

/** The sidebar entry of a document titled `title`, in a target's renderer. */
const sidebarEntry = (page: Page, target: Target, title: string) =>
  page.getByRole('navigation').first().getByRole(target.itemRole, { name: title, exact: true });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return Math.round((s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2) * 10) / 10;
};

/** Clicks `entry` and resolves with the ms until the plot holds samples and a frame is painted. */
function timeOpen(entry: ReturnType<typeof sidebarEntry>) {
  return entry.evaluate(
    (el) =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        (el as HTMLElement).click();
        const check = () => {
          const plot = document.querySelector('.telemetry-plot');
          if (plot && Number(plot.getAttribute('data-points')) > 0)
            requestAnimationFrame(() => resolve(performance.now() - start));
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
}

async function run(browser: Browser, target: Target) {
  const work = mkdtempSync(join(tmpdir(), 'fieldbook-bench-chart-open-'));
  const server = await startServerProcess(target.webDir);
  try {
    const account = await signUp(server.url);
    const ws = await createWorkspace(account, 'Chart bench');
    const { firstTitle } = await seedManyNotes(account, ws, 1);
    const stream = await startRover(server.url, account.accessToken, ws, join(work, 'buffer'));
    try {
      const context = await signedInContext(browser, account, ws);
      const page = await context.newPage();
      await page.goto(server.url);
      await target.newChart(page);
      await addChannel(page, CHANNEL);
      await page.waitForFunction(
        () => Number(document.querySelector('.telemetry-plot')?.getAttribute('data-points')) > 0,
      );
      const note = sidebarEntry(page, target, firstTitle);
      const chart = sidebarEntry(page, target, 'New chart');
      await note.waitFor();
      // A fresh page: the chart's code is not loaded yet at the first open.
      await page.reload();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await note.click();
        await page.locator('.telemetry-plot').waitFor({ state: 'detached' });
        await page.waitForTimeout(300);
        times.push(await timeOpen(chart));
      }
      await context.close();
      const [first, ...warm] = times;
      return {
        firstOpenMs: Math.round(first! * 10) / 10,
        warmMedianMs: median(warm),
        warmRunsMs: warm.map((t) => Math.round(t)),
      };
    } finally {
      stream.stop();
    }
  } finally {
    await server.dispose();
    rmSync(work, { recursive: true, force: true });
  }
}

const work = mkdtempSync(join(tmpdir(), 'fieldbook-bench-chart-open-build-'));
const targets: Target[] = [
  { name: 'current', webDir: join(work, 'current'), itemRole: 'link', newChart },
];
await buildRenderer(targets[0]!.webDir);
if (!process.argv.includes('--no-reference')) {
  targets.push({
    name: `reference ${REFERENCE_COMMIT}`,
    webDir: join(work, 'reference'),
    itemRole: 'button',
    newChart: (page) => page.getByRole('button', { name: 'New chart' }).click(),
  });
  await buildReferenceRenderer(targets[1]!.webDir);
}
const browser = await launchChromium();
try {
  const results: Record<string, Awaited<ReturnType<typeof run>>> = {};
  for (const target of targets) results[target.name] = await run(browser, target);
  const current = results.current!;
  process.stdout.write(
    `${JSON.stringify(
      {
        bench: 'chart-open-to-first-data',
        runs: RUNS,
        budgetMs: BUDGET_MS,
        withinBudget: Math.max(current.firstOpenMs, current.warmMedianMs) <= BUDGET_MS,
        ...results,
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
