/// <reference lib="webworker" />
import type { SearchFilters } from '@fieldbook/shared';
import { LocalSearchEngine, type LocalPage } from './localSearchEngine';
import { ReplicaIndexer } from './replicaIndexer';
import { ReplicaSource, replicaDbName } from './replicaSource';
import { REPLICA_WRITES_CHANNEL, type ReplicaWrites } from './replicaWrites';

/** What the page asks the search worker. */
export type WorkerRequest =
  | { type: 'open'; profileId: string; workspaceId: string }
  | {
      type: 'search';
      id: number;
      q: string;
      filters: SearchFilters;
      offset: number;
      limit: number;
    };

/** What the search worker tells the page. */
export type WorkerReply =
  | { type: 'progress'; done: number; total: number }
  /** The index took in written documents (`count` times so far): open searches run again. */
  | { type: 'updated'; count: number }
  | { type: 'result'; id: number; page: LocalPage };

/** How long replica writes gather before the documents are re-read. */
const SETTLE_MS = 150;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const engine = new LocalSearchEngine();
let indexer: ReplicaIndexer | null = null;
let ready: Promise<void> = Promise.resolve();
const dirty = new Set<string>();
let updates = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

const reply = (message: WorkerReply) => scope.postMessage(message);

/** Starts re-reading the documents written since the last time, after what is under way. */
function updateDirty(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  if (dirty.size === 0) return;
  const ids = [...dirty];
  dirty.clear();
  ready = ready
    .then(() => indexer?.update(ids))
    .then(() => reply({ type: 'updated', count: ++updates }))
    .catch((err: unknown) => console.error('Updating the offline search index failed', err));
}

function open(profileId: string, workspaceId: string): void {
  const source = new ReplicaSource(profileId);
  indexer = new ReplicaIndexer(workspaceId, source, engine);
  const prefix = replicaDbName(profileId, '');
  ready = indexer
    .build((done, total) => reply({ type: 'progress', done, total }))
    .catch((err: unknown) => console.error('Building the offline search index failed', err));
  const channel = new BroadcastChannel(REPLICA_WRITES_CHANNEL);
  channel.onmessage = (e: MessageEvent<ReplicaWrites>) => {
    for (const name of e.data.names)
      if (name.startsWith(prefix)) dirty.add(name.slice(prefix.length));
    timer ??= setTimeout(updateDirty, SETTLE_MS);
  };
}

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const message = e.data;
  if (message.type === 'open') return open(message.profileId, message.workspaceId);
  // A search never answers from before a write it could have seen: what waits to settle goes first.
  updateDirty();
  void ready.then(() =>
    reply({
      type: 'result',
      id: message.id,
      page: engine.search(message.q, message.filters, {
        offset: message.offset,
        limit: message.limit,
      }),
    }),
  );
};
