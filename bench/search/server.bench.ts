/**
 * Server search benchmark (issue 13, Speed). A real server process (tenant
 * mode, `src/main.ts`) gets the corpus — 10,000 notes of ~2 KB, 100,000
 * annotations, 50,000 comments — through the workspace import; then:
 *   - index build: a full rebuild (POST /search/rebuild → status ready);
 *   - query latency: the bench query mix through GET /workspaces/:ws/search
 *     (HTTP included), each query beside the same query as a `LIKE '%word%'`
 *     scan of the same rows in a plain SQLite table, in the same loop;
 *   - lag from an edit to searchable: a stock y-websocket client edits a note
 *     (or draws an annotation) with a new word, the search is polled until
 *     it finds it.
 * Prints a table on stderr and one JSON line on stdout.
 *
 *   pnpm --filter @fieldbook/bench search:server [-- --scale 1 --repeats 20 --lag-samples 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../../apps/desktop/test/serverProcess';
import { createWorkspace, signUp, type Account } from '../desktop/seed';
import {
  FULL_SIZE,
  benchQueries,
  corpusRows,
  generateCorpus,
  type BenchQuery,
  type CorpusSize,
} from './corpus';
import { measureLag } from './editLag';
import { openLikeReference } from './likeReference';
import { corpusDocs, seedWorkspace } from './seedServer';
import { numberArg, summary } from './stats';

const SCALE = numberArg('scale', 1);
const REPEATS = numberArg('repeats', 20);
const LAG_SAMPLES = numberArg('lag-samples', 20);
const LIMIT = 20;

const size: CorpusSize = {
  notes: Math.round(FULL_SIZE.notes * SCALE),
  collections: Math.max(1, Math.round(FULL_SIZE.collections * SCALE)),
  annotationsPerCollection: FULL_SIZE.annotationsPerCollection,
  commentsPerCollection: FULL_SIZE.commentsPerCollection,
};

const log = (...parts: unknown[]) => console.error('search-bench:', ...parts);

/** Access tokens last 15 minutes; a long run signs in again after 10. */
const RESIGN_MS = 10 * 60_000;
let signedAt = 0;
let accessToken = '';

/** A current access token of the bench account. */
async function tokenOf(account: Account): Promise<string> {
  if (Date.now() - signedAt < RESIGN_MS) return accessToken;
  if (signedAt === 0) accessToken = account.accessToken;
  else {
    const res = await fetch(`${account.server}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: account.user.email, password: 'bench password 1' }),
    });
    if (!res.ok) throw new Error(`sign-in answered ${res.status}`);
    accessToken = ((await res.json()) as { accessToken: string }).accessToken;
  }
  signedAt = Date.now();
  return accessToken;
}

async function call(account: Account, path: string, method = 'GET') {
  const res = await fetch(`${account.server}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${await tokenOf(account)}` },
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

/** The search URL of a bench query. */
function searchPath(ws: string, query: BenchQuery): string {
  const params = new URLSearchParams({ q: query.q, limit: String(LIMIT) });
  if (query.filters.kind) params.set('kind', query.filters.kind.join(','));
  if (query.filters.tags) params.set('tags', query.filters.tags.join(','));
  return `/workspaces/${ws}/search?${params}`;
}

async function waitReady(account: Account, ws: string): Promise<void> {
  for (;;) {
    const status = await call(account, `/workspaces/${ws}/search/status`);
    if (status.state === 'ready') return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function main() {
  let t = performance.now();
  const corpus = generateCorpus(size);
  const rows = [...corpusRows(corpus).values()].flat();
  log(`corpus of ${rows.length} rows generated in ${(performance.now() - t).toFixed(0)} ms`);
  t = performance.now();
  const built = corpusDocs(corpus);
  log(`documents built in ${(performance.now() - t).toFixed(0)} ms`);
  const webDir = mkdtempSync(join(tmpdir(), 'fieldbook-search-bench-web-'));
  const server = await startServerProcess(webDir);
  const reference = openLikeReference(rows);
  try {
    const account = await signUp(server.url);
    const ws = await createWorkspace(account, 'Search bench');
    t = performance.now();
    const seeded = await seedWorkspace(server.url, () => tokenOf(account), ws, built);
    const importMs = performance.now() - t;
    log(`imported ${(seeded.fileBytes / 2 ** 20).toFixed(1)} MiB in ${importMs.toFixed(0)} ms`);
    await waitReady(account, ws);
    const firstIndexMs = performance.now() - t;

    t = performance.now();
    await call(account, `/workspaces/${ws}/search/rebuild`, 'POST');
    await waitReady(account, ws);
    const rebuildMs = performance.now() - t;
    log(`full rebuild in ${rebuildMs.toFixed(0)} ms`);

    const queries = benchQueries();
    const fieldbook = new Map<string, number[]>();
    const like = new Map<string, number[]>();
    const hits = new Map<string, number>();
    const timeOne = async (query: BenchQuery) => {
      const start = performance.now();
      const page = await call(account, searchPath(ws, query));
      const ms = performance.now() - start;
      hits.set(query.q, (page.items as unknown[]).length);
      return ms;
    };
    for (const query of queries) {
      await timeOne(query);
      reference.search(query, LIMIT);
    }
    for (let r = 0; r < REPEATS; r++) {
      for (const query of queries) {
        const ms = await timeOne(query);
        const start = performance.now();
        reference.search(query, LIMIT);
        const refMs = performance.now() - start;
        (fieldbook.get(query.label) ?? fieldbook.set(query.label, []).get(query.label)!).push(ms);
        (like.get(query.label) ?? like.set(query.label, []).get(query.label)!).push(refMs);
      }
    }
    const all = (m: Map<string, number[]>) => [...m.values()].flat();
    const byClass = [...fieldbook.keys()].map((label) => ({
      label,
      fieldbook: summary(fieldbook.get(label)!),
      like: summary(like.get(label)!),
    }));

    log(
      `queries p50/p95 ${JSON.stringify(summary(all(fieldbook)))} vs LIKE ${JSON.stringify(summary(all(like)))}`,
    );
    // The first token has expired when import and rebuild took longer than 15 minutes.
    const lag = await measureLag(
      server.url,
      await tokenOf(account),
      ws,
      seeded,
      LAG_SAMPLES,
      account.user.id,
    );
    const result = {
      bench: 'search:server',
      corpus: { ...size, rows: rows.length, fileMiB: +(seeded.fileBytes / 2 ** 20).toFixed(1) },
      importMs: Math.round(importMs),
      importToSearchableMs: Math.round(firstIndexMs),
      rebuildMs: Math.round(rebuildMs),
      query: { fieldbook: summary(all(fieldbook)), like: summary(all(like)), byClass },
      hitsPerQuery: Object.fromEntries(hits),
      lagMs: { note: summary(lag.note), annotation: summary(lag.annotation) },
      goals: {
        queryP95Under20ms: summary(all(fieldbook)).p95 < 20,
        lagP95Under1s: Math.max(summary(lag.note).p95, summary(lag.annotation).p95) < 1000,
      },
      machine: { cores: cpus().length, node: process.version, loadAvg1m: loadavg()[0] },
    };
    console.error(
      [
        `${'query class'.padEnd(18)} ${'fieldbook p50/p95'.padStart(18)} ${'LIKE p50/p95'.padStart(18)}`,
        ...byClass.map(
          (c) =>
            `${c.label.padEnd(18)} ${`${c.fieldbook.p50} / ${c.fieldbook.p95}`.padStart(18)} ${`${c.like.p50} / ${c.like.p95}`.padStart(18)}`,
        ),
        `${'all'.padEnd(18)} ${`${result.query.fieldbook.p50} / ${result.query.fieldbook.p95}`.padStart(18)} ${`${result.query.like.p50} / ${result.query.like.p95}`.padStart(18)}`,
        `rebuild ${result.rebuildMs} ms; lag note p95 ${result.lagMs.note.p95} ms, annotation p95 ${result.lagMs.annotation.p95} ms`,
      ].join('\n'),
    );
    console.log(JSON.stringify(result));
  } finally {
    reference.close();
    await server.dispose();
    rmSync(webDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
