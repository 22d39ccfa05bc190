import * as Y from 'yjs';
import type { DocStore, DocumentRecord, DocumentRef } from '../storage/docStore';
import type { SyncConnection } from './connection';

/** What one socket may send before its document has loaded (a stock client sends two or three). */
const MAX_QUEUED_FRAMES = 1024;
const MAX_QUEUED_BYTES = 64 * 1024 * 1024;

/** Frames that arrived while their document was loading, in arrival order, capped per socket. */
export class LoadQueue {
  private frames: [SyncConnection, Uint8Array][] = [];

  /** Queues `frame`; false when `conn` is over its cap (the caller closes it). */
  push(conn: SyncConnection, frame: Uint8Array): boolean {
    conn.queuedFrames++;
    conn.queuedBytes += frame.length;
    if (conn.queuedFrames > MAX_QUEUED_FRAMES || conn.queuedBytes > MAX_QUEUED_BYTES) return false;
    this.frames.push([conn, frame]);
    return true;
  }

  /** Every queued frame, oldest first; the queue is empty afterwards. */
  take(): [SyncConnection, Uint8Array][] {
    const frames = this.frames;
    this.frames = [];
    return frames;
  }
}

/** What loading a document found: its row, and the log since its snapshot (for the compactor). */
export interface LoadedState {
  record: DocumentRecord;
  lastSeq: number;
  updates: number;
  bytes: number;
}

/** Creates the document's row for `createdBy` if new, and applies its stored state to `doc`. */
export async function loadStoredState(
  store: DocStore,
  ref: DocumentRef,
  createdBy: string,
  doc: Y.Doc,
): Promise<LoadedState> {
  const record = await store.ensureDocument(ref, createdBy);
  const stored = await store.load(ref);
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.state);
    for (const u of stored.updates) Y.applyUpdate(doc, u.update);
  });
  return {
    record,
    lastSeq: stored.updates.at(-1)?.seq ?? stored.snapshot?.seq ?? 0,
    updates: stored.updates.length,
    bytes: stored.updates.reduce((n, u) => n + u.update.length, 0),
  };
}
