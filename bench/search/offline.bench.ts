/**
 * Offline search benchmark (issue 13, Speed): the app's offline engine
 * (LocalSearchEngine, MiniSearch in a Web Worker) over the corpus — 10,000
 * notes of ~2 KB, 100,000 annotations, 50,000 comments — in headless
 * Chromium, each search timed as the page waits for it (post → answer),
 * beside a naive substring scan of the same rows in the page, same query
 * mix, same run. Also the time to build the worker's index. Prints a table
 * on stderr and one JSON line on stdout.
 *
 *   pnpm --filter @fieldbook/bench search:offline [-- --scale 1 --repeats 20]
 */
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../apps/desktop/test/browser';
import { FULL_SIZE, benchQueries, type BenchQuery, type CorpusSize } from './corpus';
import { numberArg, summary } from './stats';

const SCALE = numberArg('scale', 1);
const REPEATS = numberArg('repeats', 20);
const LIMIT = 20;
const size: CorpusSize = {
  notes: Math.round(FULL_SIZE.notes * SCALE),
  collections: Math.max(1, Math.round(FULL_SIZE.collections * SCALE)),
  annotationsPerCollection: FULL_SIZE.annotationsPerCollection,
  commentsPerCollection: FULL_SIZE.commentsPerCollection,
};

/** What offlinePage.ts puts on the window. */
interface BenchWindow {
  searchBench: {
    init(
      workerCode: string,
      size: CorpusSize,
    ): Promise<{ rows: number; generateMs: number; buildMs: number }>;
    engineSearch(query: BenchQuery, limit: number): Promise<{ ms: number; hits: number }>;
    naiveSearch(query: BenchQuery, limit: number): { ms: number; hits: number };
  };
}

/** Bundles a page-side entry with the desktop app's esbuild (the app's sources and their deps). */
async function bundle(entry: string, format: 'iife' | 'esm'): Promise<string> {
  const require = createRequire(new URL('../../apps/desktop/package.json', import.meta.url));
  const { build } = require('esbuild') as {
    build(options: object): Promise<{ outputFiles: { text: string }[] }>;
  };
  const out = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    minify: true,
    format,
    write: false,
    target: 'es2022',
  });
  return out.outputFiles[0]!.text;
}

async function main() {
  const [pageCode, workerCode] = await Promise.all([
    bundle('./page/offlinePage.ts', 'iife'),
    bundle('./page/offlineWorker.ts', 'iife'),
  ]);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: pageCode });
    const built = await page.evaluate(
      ([code, s]) => (window as unknown as BenchWindow).searchBench.init(code, s),
      [workerCode, size] as const,
    );
    console.error(
      `offline-search-bench: ${built.rows} rows indexed in ${built.buildMs.toFixed(0)} ms`,
    );
    const queries = benchQueries();
    const engine = new Map<string, number[]>();
    const naive = new Map<string, number[]>();
    const hits: Record<string, [number, number]> = {};
    const push = (m: Map<string, number[]>, k: string, v: number) =>
      (m.get(k) ?? m.set(k, []).get(k)!).push(v);
    for (let r = -1; r < REPEATS; r++) {
      for (const query of queries) {
        const e = await page.evaluate(
          ([q, l]) => (window as unknown as BenchWindow).searchBench.engineSearch(q, l),
          [query, LIMIT] as const,
        );
        const n = await page.evaluate(
          ([q, l]) => (window as unknown as BenchWindow).searchBench.naiveSearch(q, l),
          [query, LIMIT] as const,
        );
        hits[query.q] = [e.hits, n.hits];
        if (r < 0) continue; // the first round warms both up
        push(engine, query.label, e.ms);
        push(naive, query.label, n.ms);
      }
    }
    const all = (m: Map<string, number[]>) => [...m.values()].flat();
    const byClass = [...engine.keys()].map((label) => ({
      label,
      engine: summary(engine.get(label)!),
      naive: summary(naive.get(label)!),
    }));
    const result = {
      bench: 'search:offline',
      corpus: { ...size, rows: built.rows },
      buildMs: Math.round(built.buildMs),
      query: { engine: summary(all(engine)), naive: summary(all(naive)), byClass },
      hitsPerQuery: hits,
      goals: { queryP95Under50ms: summary(all(engine)).p95 < 50 },
      machine: {
        cores: cpus().length,
        node: process.version,
        chromium: browser.version(),
        loadAvg1m: loadavg()[0],
      },
    };
    console.error(
      [
        `${'query class'.padEnd(18)} ${'worker p50/p95'.padStart(18)} ${'naive p50/p95'.padStart(18)}`,
        ...byClass.map(
          (c) =>
            `${c.label.padEnd(18)} ${`${c.engine.p50} / ${c.engine.p95}`.padStart(18)} ${`${c.naive.p50} / ${c.naive.p95}`.padStart(18)}`,
        ),
        `${'all'.padEnd(18)} ${`${result.query.engine.p50} / ${result.query.engine.p95}`.padStart(18)} ${`${result.query.naive.p50} / ${result.query.naive.p95}`.padStart(18)}`,
      ].join('\n'),
    );
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
