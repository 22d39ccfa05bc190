// Where a warm reload of a 1,000-note workspace spends its time until the
// first note is editable: two Chromium CPU profiles (through CDP) of today's
// renderer, built unminified so functions keep their names — reload → the
// tree lists the note, and click → editable — and Chromium's own counters
// (script, style, layout). Prints JSON: the timings, the counters and, per
// profile, the functions with the most self time and whose calls they were.
//   pnpm exec tsx bench/desktop/profileLoad.ts [--notes 1000] [--top 40]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Vite from 'vite';
import { launchChromium } from '../../apps/desktop/test/browser';
import { startServerProcess } from '../../apps/desktop/test/serverProcess';
import { createWorkspace, seedManyNotes, signUp } from './seed';
import { signedInContext } from './session';
import { editable, machineLoad } from './steps';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const NOTES = arg('notes', 1000);
const TOP = arg('top', 40);

/** A node of a CDP CPU profile (Profiler.Profile), as much as is read here. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const frameName = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${basename(url)}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};

/**
 * Self time (ms) per script and per function, from a CPU profile; for the
 * functions with the most, the callers that time came through (their two
 * nearest named frames), which says whose work it was.
 */
function selfTimes(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  const via = new Map<string, Map<string, number>>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const key = frameName(node);
    fn.set(key, (fn.get(key) ?? 0) + ms);
    const { url, functionName } = node.callFrame;
    const f = url ? basename(url) : functionName;
    file.set(f, (file.get(f) ?? 0) + ms);
    const callers: string[] = [];
    for (let p = parent.get(node.id); p && callers.length < 2; p = parent.get(p.id)) {
      if (p.callFrame.functionName) callers.push(frameName(p));
    }
    const paths = via.get(key) ?? new Map<string, number>();
    const path = callers.join(' < ');
    paths.set(path, (paths.get(path) ?? 0) + ms);
    via.set(key, paths);
  });
  const ranked = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  const line = ([k, v]: [string, number]) => `${v.toFixed(1).padStart(7)} ms  ${k}`;
  const total = [...fn.values()].reduce((a, b) => a + b, 0);
  return {
    sampledMs: Math.round(total),
    byScript: ranked(file, 15).map(line),
    byFunction: ranked(fn, TOP).map(line),
    callers: ranked(fn, 12)
      .filter(([k]) => !k.startsWith('('))
      .map(([k]) => ({ fn: k, via: ranked(via.get(k)!, 3).map(line) })),
  };
}

const work = mkdtempSync(join(tmpdir(), 'fieldbook-profile-load-'));
const webDir = join(work, 'web');
// Vite is the desktop app's dependency, not the bench's.
const desktop = new URL('../../apps/desktop/', import.meta.url);
const vite = createRequire(new URL('package.json', desktop)).resolve('vite');
const { build } = (await import(pathToFileURL(vite).href)) as typeof Vite;
process.env.NODE_ENV = 'production';
await build({
  configFile: fileURLToPath(new URL('vite.config.ts', desktop)),
  logLevel: 'warn',
  build: { outDir: webDir, emptyOutDir: true, minify: false },
});
const server = await startServerProcess(webDir);
const browser = await launchChromium();
try {
  const account = await signUp(server.url);
  const workspaceId = await createWorkspace(account, `${NOTES} notes`);
  const many = await seedManyNotes(account, workspaceId, NOTES);
  const context = await signedInContext(browser, account, workspaceId);
  // When the page first showed the tree's rows and the editor (ms since navigation).
  // (No named functions inside: tsx would wrap them in a helper the page lacks.)
  await context.addInitScript(() => {
    const marks: Record<string, number> = {};
    (window as unknown as { loadMarks: typeof marks }).loadMarks = marks;
    document.addEventListener('click', () => (marks.click ??= performance.now()), true);
    new MutationObserver(() => {
      for (const [name, selector] of [
        ['treeRows', '.tree-doc'],
        ['editor', '[data-testid="editor"] .cm-line'],
        ['editable', '[data-testid="editor"][contenteditable="true"] .cm-line'],
      ] as const) {
        const el = document.querySelector(selector);
        if (!(name in marks) && el && (name !== 'editable' || el.textContent?.includes('Note')))
          marks[name] = performance.now();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  });
  const page = await context.newPage();
  const note = () =>
    page.getByRole('navigation').first().getByRole('link', { name: many.firstTitle, exact: true });
  // Cold: everything comes from the server into IndexedDB; then the warm reload is profiled.
  await page.goto(server.url);
  await note().click();
  await editable(page, many.firstLine);
  await page.waitForTimeout(3000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const before = await cdp.send('Performance.getMetrics');
  const stop = async () =>
    ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile;
  await cdp.send('Profiler.start');
  const start = Date.now();
  await page.reload();
  await note().waitFor({ timeout: 120_000 });
  const treeReady = Date.now() - start;
  const toTree = await stop();
  await cdp.send('Profiler.start');
  await note().click();
  await editable(page, many.firstLine);
  const total = Date.now() - start;
  const toNote = await stop();
  const timeline = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      responseEnd: Math.round(nav.responseEnd),
      domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
      load: Math.round(nav.loadEventEnd),
      ...Object.fromEntries(
        Object.entries((window as unknown as { loadMarks: Record<string, number> }).loadMarks).map(
          ([k, v]) => [k, Math.round(v)],
        ),
      ),
      resources: performance
        .getEntriesByType('resource')
        .filter((r) => r.startTime < 5000)
        .map(
          (r) =>
            `${Math.round(r.startTime)}–${Math.round(r.responseEnd)} ${r.name.replace(/^.*\//, '').slice(0, 40)}`,
        ),
    };
  });
  const after = await cdp.send('Performance.getMetrics');
  const metric = (m: typeof after, name: string) =>
    m.metrics.find((x) => x.name === name)?.value ?? 0;
  // Counters survive a reload in the same renderer process only sometimes: print both.
  const counters = Object.fromEntries(
    ['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'TaskDuration'].map((k) => [
      k,
      {
        afterS: Number(metric(after, k).toFixed(3)),
        deltaMs: Math.round((metric(after, k) - metric(before, k)) * 1000),
      },
    ]),
  );
  console.log(
    JSON.stringify(
      {
        bench: 'desktop-profile-warm-load',
        notes: NOTES,
        machine: machineLoad(),
        warmMs: { total, treeReady, noteOpen: total - treeReady },
        counters,
        timeline,
        reloadToTree: selfTimes(toTree),
        clickToEditable: selfTimes(toNote),
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await server.dispose();
  rmSync(work, { recursive: true, force: true });
}
