import * as Y from 'yjs';
import { kindOf } from '@fieldbook/crdt-model';
import type { DocKind } from '@fieldbook/shared';
import { docKeyString, type DocKey, type DocStore } from '../storage/docStore';

/** One durably appended update, as the feed hands it on. */
export interface ChangedUpdate {
  seq: number;
  update: Uint8Array;
  /** The principal id of the sender. */
  actor: string;
  /** The sender's connection id (`import` for a workspace-file import). */
  client: string;
  /** Epoch ms. */
  ts: number;
}

/**
 * What happened to one document, durably: `created` (its row was made; no
 * updates yet) or `updated` (these updates were appended, seqs `fromSeq` to
 * `toSeq`, in order).
 */
export type DocChange =
  | { kind: 'created'; key: DocKey; tenantId: string; actor: string; ts: number }
  | {
      kind: 'updated';
      key: DocKey;
      tenantId: string;
      fromSeq: number;
      toSeq: number;
      updates: ChangedUpdate[];
      /**
       * The document's kind as the feed delivers it (null: not a Fieldbook
       * document), read from its open hub; undefined when it is not loaded.
       * Lets subscribers pass over documents they have nothing to do with.
       */
      docKind?: DocKind | null;
    };

/** A subscriber: called with each batch, in commit order, after it is durable. */
export type ChangeListener = (batch: readonly DocChange[]) => void;

/**
 * The change feed of the document store: after updates are durably appended
 * (and after a document row is created), batched events go to every
 * subscriber, later and outside the sync path, so audit, search indexing,
 * webhooks and alert rules react to committed changes without costing the
 * relay of an update anything but a push onto an array.
 */
export interface ChangeFeed {
  /** Starts delivering batches to `listener`; returns the unsubscribe. */
  subscribe(listener: ChangeListener): () => void;
  /**
   * Runs `read` on the document's current state: the open hub's Y.Doc when
   * loaded (which may hold newer, not yet durable updates too), else a doc
   * loaded from the store for the call. `read` must not keep or change it.
   */
  withDoc<T>(key: DocKey, read: (doc: Y.Doc) => T): Promise<T>;
  /** Tells the feed where loaded documents live (the sync service's hubs). */
  setLiveDocs(liveDoc: (key: DocKey) => Y.Doc | null): void;
  /** Delivers what is queued now (tests, shutdown). */
  flush(): void;
}

/** Builds a Y.Doc from a document's stored snapshot and updates. */
export async function loadDoc(store: DocStore, key: DocKey): Promise<Y.Doc> {
  const stored = await store.load(key);
  const doc = new Y.Doc({ gc: false });
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.state);
    for (const u of stored.updates) Y.applyUpdate(doc, u.update);
  });
  return doc;
}

/** The part of a feed the store decorator feeds (see feedingDocStore). */
export interface ChangeSink {
  /** Whether anyone listens: with no subscriber, nothing is queued. */
  readonly active: boolean;
  push(change: DocChange): void;
}

/**
 * Creates a change feed reading cold documents from `store` (the store
 * below the decorator, so reads never re-enter the feed). `onError` hears
 * what a subscriber threw; the other subscribers still get the batch.
 */
export function createChangeFeed(
  store: DocStore,
  onError: (err: unknown) => void,
): ChangeFeed & ChangeSink {
  const listeners = new Set<ChangeListener>();
  let queue: DocChange[] = [];
  let scheduled: NodeJS.Immediate | null = null;
  let liveDoc: (key: DocKey) => Y.Doc | null = () => null;

  const deliver = () => {
    scheduled = null;
    if (queue.length === 0) return;
    const batch = coalesce(queue);
    queue = [];
    for (const change of batch) {
      if (change.kind !== 'updated') continue;
      const doc = liveDoc(change.key);
      if (doc) change.docKind = kindOf(doc);
    }
    for (const listener of listeners) {
      try {
        listener(batch);
      } catch (err) {
        onError(err);
      }
    }
  };

  return {
    get active() {
      return listeners.size > 0;
    },
    push(change) {
      queue.push(change);
      scheduled ??= setImmediate(deliver);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async withDoc(key, read) {
      const live = liveDoc(key);
      if (live) return read(live);
      const doc = await loadDoc(store, key);
      try {
        // A hub may have opened while the store was read: its doc is the newer one.
        const opened = liveDoc(key);
        return read(opened ?? doc);
      } finally {
        doc.destroy();
      }
    },
    setLiveDocs(fn) {
      liveDoc = fn;
    },
    flush() {
      if (scheduled) clearImmediate(scheduled);
      deliver();
    },
  };
}

/** One `updated` change per document and run of a batch (group commits append per entry). */
function coalesce(changes: DocChange[]): DocChange[] {
  const out: DocChange[] = [];
  const open = new Map<string, Extract<DocChange, { kind: 'updated' }>>();
  for (const change of changes) {
    if (change.kind === 'created') {
      out.push(change);
      continue;
    }
    const name = docKeyString(change.key);
    const prev = open.get(name);
    if (prev && prev.toSeq < change.fromSeq) {
      prev.updates.push(...change.updates);
      prev.toSeq = change.toSeq;
      continue;
    }
    const copy = { ...change, updates: [...change.updates] };
    open.set(name, copy);
    out.push(copy);
  }
  return out;
}
