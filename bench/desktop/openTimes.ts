// Two timings of the web client against a real sync server (`pnpm serve`'s
// entry point, in its own process), in Debian's Chromium:
//  (a) page load → an editable note, in a workspace of 1,000 notes;
//  (b) opening a note whose history holds 50,000 edits.
// Each is run cold (fresh browser profile: everything comes from the server)
// and warm (reload: IndexedDB has it), for today's renderer and, beside it in
// the same run, the renderer of the reference commit (before code splitting
// and the design system). Prints JSON with medians.
//   pnpm exec tsx bench/desktop/openTimes.ts [--runs 5] [--notes 1000] [--edits 50000] [--no-reference]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRenderer, launchChromium } from '../../apps/desktop/test/browser';
import {
  buildReferenceRenderer,
  REFERENCE_COMMIT,
} from '../../apps/desktop/test/referenceRenderer';
import { startServerProcess } from '../../apps/desktop/test/serverProcess';
import { createWorkspace, seedLongHistory, seedManyNotes, signUp } from './seed';
import { signedInContext } from './session';
import { editable, machineLoad, step } from './steps';

// playwright-core is the desktop app's dependency; its types come through the launcher.
type Browser = Awaited<ReturnType<typeof launchChromium>>;
type BrowserContext = Awaited<ReturnType<Browser['newContext']>>;
type Page = Awaited<ReturnType<Browser['newPage']>>;

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 5);
const NOTES = arg('notes', 1000);
const EDITS = arg('edits', 50_000);
/** The goal for page load → editable note, warm (ms). */
const LOAD_BUDGET_MS = 500;

/** A renderer build under test, and how its sidebar lists a document. */
interface Target {
  readonly name: string;
  readonly webDir: string;
  readonly itemRole: 'link' | 'button';
}

/** The sidebar entry of a document titled `title`, in a target's renderer. */
const sidebarEntry = (page: Page, target: Target, title: string) =>
  page.getByRole('navigation').first().getByRole(target.itemRole, { name: title, exact: true });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return Math.round(s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2);
};

/** (a) From navigation to an editable first note, in ms; and the part spent opening the note. */
async function loadToEditable(
  page: Page,
  target: Target,
  url: string,
  title: string,
  firstLine: string,
  reload: boolean,
) {
  const start = Date.now();
  if (reload) await page.reload();
  else await page.goto(url);
  const note = sidebarEntry(page, target, title);
  await note.waitFor({ timeout: 120_000 });
  const listed = Date.now();
  await note.click();
  await editable(page, firstLine);
  const done = Date.now();
  return { total: done - start, treeReady: listed - start, noteOpen: done - listed };
}

/** (b) From clicking the note to the editor holding all its text, in ms. */
async function openLongNote(
  page: Page,
  target: Target,
  url: string,
  title: string,
  firstLine: string,
  reload: boolean,
) {
  if (reload) await page.reload();
  else await page.goto(url);
  const note = sidebarEntry(page, target, title);
  await note.waitFor({ timeout: 120_000 });
  const start = Date.now();
  await note.click();
  await editable(page, firstLine);
  return Date.now() - start;
}

async function measure(
  label: string,
  run: (page: Page, reload: boolean) => Promise<number | Record<string, number>>,
  makeContext: () => Promise<BrowserContext>,
) {
  const cold: (number | Record<string, number>)[] = [];
  const warm: (number | Record<string, number>)[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await makeContext();
    const page = await context.newPage();
    cold.push(await step(`${label}, run ${i + 1} cold`, 150_000, () => run(page, false)));
    warm.push(await step(`${label}, run ${i + 1} warm`, 150_000, () => run(page, true)));
    await context.close();
  }
  const summarize = (xs: (number | Record<string, number>)[]) => {
    if (typeof xs[0] === 'number') return { medianMs: median(xs as number[]), runsMs: xs };
    const keys = Object.keys(xs[0] as object);
    return Object.fromEntries(
      keys.map((k) => [`${k}MedianMs`, median(xs.map((x) => (x as Record<string, number>)[k]!))]),
    );
  };
  return { cold: summarize(cold), warm: summarize(warm) };
}

/** Both timings for one renderer, against a server of its own seeded the same way. */
async function run(browser: Browser, target: Target) {
  const server = await startServerProcess(target.webDir);
  try {
    const account = await signUp(server.url);
    const manyId = await createWorkspace(account, `${NOTES} notes`);
    const seedStart = Date.now();
    const many = await seedManyNotes(account, manyId, NOTES);
    const longId = await createWorkspace(account, 'Long history');
    const long = await seedLongHistory(account, longId, EDITS);
    const seedMs = Date.now() - seedStart;
    const a = await measure(
      `${target.name}: load to editable note`,
      (page, reload) =>
        loadToEditable(page, target, server.url, many.firstTitle, many.firstLine, reload),
      () => signedInContext(browser, account, manyId),
    );
    const b = await measure(
      `${target.name}: open the long-history note`,
      (page, reload) => openLongNote(page, target, server.url, long.title, long.firstLine, reload),
      () => signedInContext(browser, account, longId),
    );
    return {
      seedMs,
      loadToEditableNote: { notesInWorkspace: NOTES, ...a },
      openLongHistoryNote: {
        edits: EDITS,
        textLength: long.textLength,
        stateBytes: long.stateBytes,
        ...b,
      },
    };
  } finally {
    await server.dispose();
  }
}

const work = mkdtempSync(join(tmpdir(), 'fieldbook-bench-desktop-'));
const targets: Target[] = [{ name: 'current', webDir: join(work, 'current'), itemRole: 'link' }];
await buildRenderer(targets[0]!.webDir);
if (!process.argv.includes('--no-reference')) {
  const reference: Target = {
    name: `reference ${REFERENCE_COMMIT}`,
    webDir: join(work, 'reference'),
    itemRole: 'button',
  };
  await buildReferenceRenderer(reference.webDir);
  targets.push(reference);
}
const browser = await launchChromium();
try {
  const results: Record<string, Awaited<ReturnType<typeof run>>> = {};
  for (const target of targets) results[target.name] = await run(browser, target);
  const warm =
    (results.current!.loadToEditableNote.warm as { totalMedianMs?: number }).totalMedianMs ?? 0;
  console.log(
    JSON.stringify(
      {
        bench: 'desktop-open-times',
        runs: RUNS,
        machine: machineLoad(),
        loadToEditableBudgetMs: LOAD_BUDGET_MS,
        warmLoadWithinBudget: warm <= LOAD_BUDGET_MS,
        ...results,
      },
      null,
      2,
    ),
  );
} catch (err) {
  process.stderr.write(`open-times bench failed: ${err instanceof Error ? err.message : err}\n`);
  process.exitCode = 2;
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
