/**
 * The worker side of the offline search benchmark: the app's
 * LocalSearchEngine (MiniSearch, what the app's search worker runs) built
 * from the benchmark corpus, answering searches posted by the page. Only the
 * reading of IndexedDB replicas is left out: the rows come from the corpus.
 */
import type { SearchEntry } from '@fieldbook/crdt-model';
import { LocalSearchEngine } from '../../../apps/desktop/src/renderer/search/localSearchEngine';
import { corpusRows, generateCorpus, type CorpusSize } from '../corpus';
import type { BenchQuery } from '../corpus';

/** What the page asks. */
export type BenchRequest =
  | { type: 'build'; size: CorpusSize }
  | { type: 'search'; id: number; query: BenchQuery; limit: number };

/** What the worker answers. */
export type BenchReply =
  | { type: 'built'; rows: number; generateMs: number; buildMs: number }
  | { type: 'result'; id: number; hits: number };

/** The worker's global scope, typed without the webworker lib (the bench compiles with DOM). */
const scope = self as unknown as {
  postMessage(message: BenchReply): void;
  onmessage: ((e: MessageEvent<BenchRequest>) => void) | null;
};
const engine = new LocalSearchEngine();

scope.onmessage = (e: MessageEvent<BenchRequest>) => {
  const m = e.data;
  if (m.type === 'build') {
    let t = performance.now();
    const docs = corpusRows(generateCorpus(m.size));
    const generateMs = performance.now() - t;
    t = performance.now();
    for (const [id, rows] of docs) engine.setDocument(id, rows as SearchEntry[], false);
    const reply: BenchReply = {
      type: 'built',
      rows: engine.size,
      generateMs,
      buildMs: performance.now() - t,
    };
    scope.postMessage(reply);
    return;
  }
  const page = engine.search(m.query.q, m.query.filters, { limit: m.limit });
  const reply: BenchReply = {
    type: 'result',
    id: m.id,
    hits: 'items' in page ? page.items.length : -1,
  };
  scope.postMessage(reply);
};
