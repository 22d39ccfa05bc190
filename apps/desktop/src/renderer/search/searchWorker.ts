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
  | { type: 'result'; id: number; page: LocalPage };

/** How long replica writes gather before the documents are re-read. */
const SETTLE_MS = 150;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const engine = new LocalSearchEngine();
let indexer: ReplicaIndexer | null = null;
let ready: Promise<void> = Promise.resolve();
const dirty = new Set<string>();
let timer: ReturnType<typeof setTimeout> | null = null;

const reply = (message: WorkerReply) => scope.postMessage(message);

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
    timer ??= setTimeout(() => {
      timer = null;
      const ids = [...dirty];
      dirty.clear();
      ready = ready
        .then(() => indexer?.update(ids))
        .catch((err: unknown) => console.error('Updating the offline search index failed', err));
    }, SETTLE_MS);
  };
}

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const message = e.data;
  if (message.type === 'open') open(message.profileId, message.workspaceId);
  else
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
