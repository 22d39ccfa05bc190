import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocRef } from '../../common/localStore/localDocStore';
import { IndexedDbDocStore } from './indexedDbDocStore';

/**
 * Main's SQLite store as the renderer sees it through the preload bridge
 * (desktop only; in web mode IndexedDB is the only local store).
 */
export interface MainStore {
  load(docId: string): Promise<Uint8Array | null>;
  append(ref: DocRef, update: Uint8Array, source: 'local' | 'server'): Promise<void>;
  /** The server holds everything of `docId` queued up to `before` (epoch ms): clear it from the outbox. */
  acked(docId: string, before: number): Promise<void>;
  /** Replaces the document with the server's `state` and drops its outbox (the server refused local changes). */
  reset(ref: DocRef, state: Uint8Array): Promise<void>;
  /** Drops a document nothing lists (an import cancelled or failed part way). */
  remove(ref: DocRef): Promise<void>;
}

/** Marks updates that came from main's store, so they are not written back. */
const FROM_MAIN = Symbol('fieldbook:main-store');

/** What a replica tells its owner when an update arrives: from the server or not. */
export type UpdateListener = (update: Uint8Array, fromServer: boolean) => void;

/** IndexedDB database name of a document in a profile; profiles never share local copies. */
export function localDbName(profileId: string, docId: string): string {
  return `fieldbook/${profileId}/${docId}`;
}

/**
 * One document held in the renderer: a Y.Doc restored from IndexedDB (fast,
 * first) and, on the desktop, merged both ways with main's SQLite store.
 * Both merges are CRDT merges, so either store restores the other. Network
 * sync is attached from outside (a provider whose origin is `serverOrigin`).
 */
export class DocReplica {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  /** Resolves once the local stores are loaded and merged. */
  readonly ready: Promise<void>;
  /** The origin network updates are applied with, set by the provider that owns it. */
  serverOrigin: unknown = null;
  private readonly idb: IndexedDbDocStore;
  private destroyed = false;

  /**
   * `opening`: the document's IndexedDB database, when it was opened ahead (a
   * new document); `actor`: who local edits are by in the local history.
   */
  constructor(
    readonly ref: DocRef,
    profileId: string,
    private readonly main: MainStore | null,
    opening?: Promise<IDBDatabase>,
    actor: string | null = null,
  ) {
    const session = String(this.doc.clientID);
    this.idb = new IndexedDbDocStore(
      localDbName(profileId, ref.docId),
      this.doc,
      opening,
      (origin) => {
        if (origin === FROM_MAIN) return { actor: null, client: 'unknown' };
        if (origin !== null && origin === this.serverOrigin)
          return { actor: null, client: 'server' };
        return { actor, client: session };
      },
    );
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    await this.idb.ready;
    const main = this.main;
    if (!main || this.destroyed) return;
    const stored = await main.load(this.ref.docId);
    if (this.destroyed) return;
    if (stored) Y.applyUpdate(this.doc, stored, FROM_MAIN);
    const known = stored ? Y.encodeStateVectorFromUpdate(stored) : new Uint8Array([0]);
    const missing = Y.encodeStateAsUpdate(this.doc, known);
    if (hasContent(missing)) await main.append(this.ref, missing, 'local');
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === FROM_MAIN) return;
      const source = origin !== null && origin === this.serverOrigin ? 'server' : 'local';
      main.append(this.ref, update, source).catch((err: unknown) => {
        console.error('Saving to the desktop store failed', err);
      });
    });
  }

  /**
   * Called when a provider finished its handshake with the server: both sides
   * exchanged what the other lacked, so the local changes queued so far are
   * on the server and leave main's outbox.
   */
  serverSynced(): void {
    const main = this.main;
    void this.ready.then(() => this.idb.markAcked());
    if (!main) return;
    const before = Date.now();
    void this.ready
      .then(() => main.acked(this.ref.docId, before))
      .catch((err: unknown) => console.error('Clearing the outbox failed', err));
  }

  /** Stops persistence and frees the document (local data stays). */
  destroy(): void {
    this.destroyed = true;
    this.awareness.destroy();
    this.idb.destroy();
    this.doc.destroy();
  }
}

/** True when a Yjs update carries any structs or deletions (an empty one is two zero bytes). */
export function hasContent(update: Uint8Array): boolean {
  return update.byteLength > 2;
}
