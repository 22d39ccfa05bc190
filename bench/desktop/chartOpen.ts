// Chart open → first data drawn, in Debian's Chromium against a real server
// (`pnpm serve`'s entry point, in its own process) with the rover simulator
// streaming: a chart of one channel is opened from the sidebar (coming from a
// note) and timed in the page from the click until the plot holds samples and
// the next frame is painted. The first open after a reload includes loading
// the chart's code; the later ones are warm. Today's renderer and, beside it
// in the same run, the renderer of the reference commit (before code
// splitting and the design system). Every step has a deadline: a run that
// cannot finish says which step of which renderer stopped, and exits 2.
// Prints JSON with medians and the machine's load.
//   pnpm exec tsx bench/desktop/chartOpen.ts [--runs 9] [--no-reference]
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
import { machineLoad, median, step, watchdog } from './steps';

type Browser = Awaited<ReturnType<typeof launchChromium>>;
type Page = Awaited<ReturnType<Browser['newPage']>>;

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 9);
/** The goal for chart open → first data drawn (ms). */
const BUDGET_MS = 300;
/** How long one open may take before the run is called failed (ms). */
const OPEN_LIMIT_MS = 20_000;
const CHANNEL = 'rover.wheel.fl.current (A)';

/** A renderer build under test: where it is, how its sidebar lists a document, how it makes a chart. */
interface Target {
  readonly name: string;
  readonly webDir: string;
  readonly itemRole: 'link' | 'button';
  newChart(page: Page): Promise<void>;
}

let current = 'starting';
const disarm = watchdog(() => current, 20 * 60_000);

/** Runs a named step of `target` with a deadline, remembering it for the watchdog. */
function guarded<T>(target: Target, name: string, ms: number, work: () => Promise<T>) {
  current = `${target.name}: ${name}`;
  return step(current, ms, work);
}

/** The sidebar entry of a document titled `title`, in a target's renderer. */
const sidebarEntry = (page: Page, target: Target, title: string) =>
  page.getByRole('navigation').first().getByRole(target.itemRole, { name: title, exact: true });

/**
 * Clicks `entry` and resolves with the ms until the plot holds samples and a
 * frame is painted; rejects in the page after `limit` ms, saying which of the
 * two never came.
 */
function timeOpen(entry: ReturnType<typeof sidebarEntry>, limit: number) {
  return entry.evaluate(
    (el, limit) =>
      new Promise<number>((resolve, reject) => {
        const start = performance.now();
        let stage = 'no plot with samples';
        const deadline = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`${stage} within ${limit} ms of the click`));
        }, limit);
        const drawn = () =>
          Number(document.querySelector('.telemetry-plot')?.getAttribute('data-points')) > 0;
        const painted = () => {
          observer.disconnect();
          stage = 'samples set, but no frame painted';
          requestAnimationFrame(() => {
            clearTimeout(deadline);
            resolve(performance.now() - start);
          });
        };
        const observer = new MutationObserver(() => drawn() && painted());
        observer.observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['data-points'],
        });
        (el as HTMLElement).click();
        if (drawn()) painted();
      }),
    limit,
  );
}

/** What the chart screen shows, for the error of a run that failed. */
async function shown(page: Page): Promise<string> {
  const text = await page
    .locator('main')
    .first()
    .innerText({ timeout: 2_000 })
    .catch(() => '(no main element)');
  return JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 400));
}

async function run(browser: Browser, target: Target) {
  const work = mkdtempSync(join(tmpdir(), 'fieldbook-bench-chart-open-'));
  const server = await guarded(target, 'server start', 120_000, () =>
    startServerProcess(target.webDir),
  );
  let stopRover = () => {};
  try {
    const account = await signUp(server.url);
    const ws = await createWorkspace(account, 'Chart bench');
    const { firstTitle } = await guarded(target, 'seed a note', 60_000, () =>
      seedManyNotes(account, ws, 1),
    );
    const stream = await guarded(target, 'rover simulator start', 60_000, () =>
      startRover(server.url, account.accessToken, ws, join(work, 'buffer')),
    );
    stopRover = stream.stop;
    const signed = await signedInContext(browser, account, ws);
    const page = await signed.newPage();
    page.setDefaultTimeout(30_000);
    // tsx names the timing callback's inner functions with a helper the page lacks.
    await page.addInitScript('window.__name = (f) => f');
    await guarded(target, 'make the chart', 90_000, async () => {
      await page.goto(server.url);
      await target.newChart(page);
      await addChannel(page, CHANNEL);
      await page.waitForFunction(
        () => Number(document.querySelector('.telemetry-plot')?.getAttribute('data-points')) > 0,
      );
    });
    const note = sidebarEntry(page, target, firstTitle);
    const chart = sidebarEntry(page, target, 'New chart');
    // The chart with its channel must be saved before the reload (a reload too soon lost it).
    await guarded(target, 'chart saved with its channel', 60_000, async () => {
      const other = await signed.newPage();
      await other.addInitScript('window.__name = (f) => f');
      await other.goto(server.url);
      await sidebarEntry(other, target, 'New chart').click();
      await other.waitForFunction(
        () => Number(document.querySelector('.telemetry-plot')?.getAttribute('data-points')) > 0,
        undefined,
        { timeout: 50_000 },
      );
      await other.close();
    });
    // A fresh page: the chart's code is not loaded yet at the first open.
    await guarded(target, 'reload', 60_000, async () => {
      await page.reload();
      await note.waitFor();
    });
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await guarded(target, `open ${i + 1}: leave for the note`, 30_000, async () => {
        await note.click();
        await page.locator('.telemetry-plot').waitFor({ state: 'detached' });
        await page.waitForTimeout(300);
      });
      times.push(
        await guarded(target, `open ${i + 1}: chart to first data`, OPEN_LIMIT_MS + 5_000, () =>
          timeOpen(chart, OPEN_LIMIT_MS).catch(async (err: Error) => {
            throw new Error(`${err.message}; the page showed: ${await shown(page)}`);
          }),
        ),
      );
    }
    await signed.close();
    const [first, ...warm] = times;
    return {
      firstOpenMs: Math.round(first! * 10) / 10,
      warmMedianMs: median(warm),
      warmRunsMs: warm.map((t) => Math.round(t)),
    };
  } finally {
    stopRover();
    await server.dispose();
    rmSync(work, { recursive: true, force: true });
  }
}

const build = mkdtempSync(join(tmpdir(), 'fieldbook-bench-chart-open-build-'));
const targets: Target[] = [
  { name: 'current', webDir: join(build, 'current'), itemRole: 'link', newChart },
];
const browser = await launchChromium();
try {
  await guarded(targets[0]!, 'build', 300_000, () => buildRenderer(targets[0]!.webDir));
  if (!process.argv.includes('--no-reference')) {
    const reference: Target = {
      name: `reference ${REFERENCE_COMMIT}`,
      webDir: join(build, 'reference'),
      itemRole: 'button',
      newChart: async (page) => {
        await page.getByRole('button', { name: 'New chart' }).click();
        await page.getByLabel('Add channel').waitFor();
      },
    };
    await guarded(reference, 'build', 300_000, () => buildReferenceRenderer(reference.webDir));
    targets.push(reference);
  }
  const loadBefore = machineLoad();
  const results: Record<string, Awaited<ReturnType<typeof run>> | { error: string }> = {};
  const today = await run(browser, targets[0]!);
  results.current = today;
  // The reference's failure is a finding to print, not a reason to lose today's figures.
  for (const target of targets.slice(1))
    results[target.name] = await run(browser, target).catch((err: Error) => ({
      error: err.message,
    }));
  process.stdout.write(
    `${JSON.stringify(
      {
        bench: 'chart-open-to-first-data',
        runs: RUNS,
        budgetMs: BUDGET_MS,
        withinBudget: Math.max(today.firstOpenMs, today.warmMedianMs) <= BUDGET_MS,
        machine: { before: loadBefore, after: machineLoad() },
        ...results,
      },
      null,
      2,
    )}\n`,
  );
} catch (err) {
  process.stderr.write(`chart-open bench failed: ${err instanceof Error ? err.message : err}\n`);
  process.exitCode = 2;
} finally {
  disarm();
  await browser.close();
  rmSync(build, { recursive: true, force: true });
}
