/**
 * The page side of the offline search benchmark: starts the engine worker
 * (offlineWorker.ts) and times each search as the app waits for it (post →
 * answer), and the reference — a naive scan of the same rows in the page:
 * each term looked up as a substring of the lower-cased title and body,
 * newest first (the lower-cased text is prepared once, ahead of timing).
 */
import { parseQuery } from '@fieldbook/shared';
import {
  corpusRows,
  generateCorpus,
  type BenchQuery,
  type CorpusRow,
  type CorpusSize,
} from '../corpus';
import type { BenchReply, BenchRequest } from './offlineWorker';

interface Prepared {
  row: CorpusRow;
  text: string;
}

let worker: Worker;
let rows: Prepared[] = [];
let next = 1;
const waiting = new Map<number, (reply: BenchReply) => void>();

function post(message: BenchRequest): void {
  worker.postMessage(message);
}

/** Builds the worker's index and the page's rows; answers the worker's build figures. */
async function init(workerCode: string, size: CorpusSize) {
  worker = new Worker(URL.createObjectURL(new Blob([workerCode], { type: 'text/javascript' })));
  const built = new Promise<BenchReply>((resolve) => {
    worker.onmessage = (e: MessageEvent<BenchReply>) => {
      const reply = e.data;
      if (reply.type === 'built') return resolve(reply);
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
    };
  });
  post({ type: 'build', size });
  rows = [...corpusRows(generateCorpus(size)).values()]
    .flat()
    .map((row) => ({ row, text: `${row.title}\n${row.body}`.toLowerCase() }));
  return built;
}

/** One search through the worker: milliseconds from post to answer, and the hits. */
function engineSearch(query: BenchQuery, limit: number): Promise<{ ms: number; hits: number }> {
  const id = next++;
  const start = performance.now();
  return new Promise((resolve) => {
    waiting.set(id, (reply) =>
      resolve({ ms: performance.now() - start, hits: reply.type === 'result' ? reply.hits : -1 }),
    );
    post({ type: 'search', id, query, limit });
  });
}

/** One naive scan in the page: milliseconds and hits. */
function naiveSearch(query: BenchQuery, limit: number): { ms: number; hits: number } {
  const start = performance.now();
  const parsed = parseQuery(query.q);
  if ('problem' in parsed) return { ms: 0, hits: -1 };
  const terms = parsed.terms.map((t) => ({ text: t.tokens.join(' '), negated: t.negated }));
  const { kind, tags } = query.filters;
  const found = rows.filter(
    ({ row, text }) =>
      (!kind || kind.includes(row.kind)) &&
      (!tags || tags.every((tag) => row.tags.includes(tag))) &&
      terms.every((t) => text.includes(t.text) !== t.negated),
  );
  found.sort((a, b) => b.row.updatedAt - a.row.updatedAt);
  const hits = found.slice(0, limit).length;
  return { ms: performance.now() - start, hits };
}

(window as unknown as { searchBench: unknown }).searchBench = { init, engineSearch, naiveSearch };
