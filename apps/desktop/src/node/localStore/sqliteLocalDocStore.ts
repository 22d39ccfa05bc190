import type Database from 'better-sqlite3';
import { FieldbookError, IdSchema } from '@fieldbook/shared';
import * as Y from 'yjs';
import { z } from 'zod';
import {
  parseOrThrow as parse,
  type AttachmentStore,
  type FileToKeep,
  type KeptAttachment,
  type KeptFile,
} from '../../common/localStore/attachmentStore';
import type {
  CompactionPolicy,
  DocRef,
  HistoryRow,
  LocalDocInfo,
  LocalDocStore,
  OutboxEntry,
  StoredAttachment,
  StoredDocState,
  UpdateToAppend,
} from '../../common/localStore/localDocStore';
import { SqliteAttachments } from './sqliteAttachments';
import { HistoryPageSchema, RefSchema, UpdatesSchema, type DocRow } from './sqliteInput';
import { openLocalStoreDatabase, plainBytes as bytes, rethrowCorruption } from './sqliteOpen';

/** Compaction past 500 updates or 1 MiB since the last snapshot. */
export const DEFAULT_COMPACTION: CompactionPolicy = { maxUpdates: 500, maxBytes: 1 << 20 };

/** The SQLite LocalDocStore of the main process (one database per profile). */
export class SqliteLocalDocStore implements LocalDocStore, AttachmentStore {
  private readonly stmt;
  private readonly files: SqliteAttachments;

  private constructor(
    private readonly db: Database.Database,
    private readonly path: string,
    private readonly policy: CompactionPolicy,
    private readonly now: () => number,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.stmt = {
      doc: p('SELECT * FROM docs WHERE doc_id = ?'),
      insertDoc: p(
        'INSERT INTO docs (doc_id, workspace_id, last_seq, updated_at) VALUES (?, ?, 0, ?)',
      ),
      bumpDoc: p(`UPDATE docs SET last_seq = ?, updated_at = ?,
        updates_since_snapshot = updates_since_snapshot + 1,
        bytes_since_snapshot = bytes_since_snapshot + ? WHERE doc_id = ?`),
      insertUpdate: p('INSERT INTO updates (doc_id, seq, blob, ts, actor) VALUES (?, ?, ?, ?, ?)'),
      history: p(`SELECT seq, blob AS "update", ts, actor FROM updates
        WHERE doc_id = ? AND seq > ? ORDER BY seq LIMIT ?`),
      enqueue: p('INSERT INTO outbox (doc_id, blob, queued_at) VALUES (?, ?, ?)'),
      snapshot: p('SELECT seq, state FROM snapshots WHERE doc_id = ?'),
      updatesAfter: p('SELECT seq, blob FROM updates WHERE doc_id = ? AND seq > ? ORDER BY seq'),
      putSnapshot: p(`INSERT INTO snapshots (doc_id, seq, state) VALUES (?, ?, ?)
        ON CONFLICT (doc_id) DO UPDATE SET seq = excluded.seq, state = excluded.state`),
      resetCounters: p(
        'UPDATE docs SET updates_since_snapshot = 0, bytes_since_snapshot = 0 WHERE doc_id = ?',
      ),
      dropAllUpdates: p('DELETE FROM updates WHERE doc_id = ?'),
      dropOutbox: p('DELETE FROM outbox WHERE doc_id = ?'),
      docs: p('SELECT * FROM docs ORDER BY doc_id'),
      docsOf: p('SELECT * FROM docs WHERE workspace_id = ? ORDER BY doc_id'),
      workspaces: p('SELECT DISTINCT workspace_id FROM docs ORDER BY workspace_id'),
      outbox: p(
        `SELECT o.id, o.doc_id, d.workspace_id, o.blob, o.queued_at FROM outbox o
         JOIN docs d ON d.doc_id = o.doc_id ORDER BY o.id LIMIT ?`,
      ),
      ack: p('DELETE FROM outbox WHERE id = ?'),
      dropSnapshot: p('DELETE FROM snapshots WHERE doc_id = ?'),
      dropDoc: p('DELETE FROM docs WHERE doc_id = ?'),
    };
    this.files = new SqliteAttachments(db);
  }

  /**
   * Opens the store at `path` (created when absent). Throws STORAGE_CORRUPT for
   * a damaged, truncated or foreign file.
   */
  static open(
    path: string,
    options: { compaction?: CompactionPolicy; now?: () => number } = {},
  ): SqliteLocalDocStore {
    const db = openLocalStoreDatabase(path);
    return new SqliteLocalDocStore(
      db,
      path,
      options.compaction ?? DEFAULT_COMPACTION,
      options.now ?? Date.now,
    );
  }

  private guard<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (err) {
      if (err instanceof FieldbookError) return Promise.reject(err);
      try {
        rethrowCorruption(err, this.path);
      } catch (mapped) {
        return Promise.reject(mapped);
      }
    }
  }

  appendUpdates(updates: readonly UpdateToAppend[]): Promise<number[]> {
    return this.guard(() => {
      const entries = parse(UpdatesSchema, updates, 'updates');
      const touched = new Set<string>();
      const seqs = this.db.transaction(() =>
        entries.map(({ docId, workspaceId, update, source, actor }) => {
          const now = this.now();
          let row = this.rowIn({ docId, workspaceId });
          if (!row) {
            this.stmt.insertDoc.run(docId, workspaceId, now);
            row = { last_seq: 0, workspace_id: workspaceId } as DocRow;
          }
          const seq = row.last_seq + 1;
          this.stmt.insertUpdate.run(docId, seq, update, now, actor ?? null);
          this.stmt.bumpDoc.run(seq, now, update.byteLength, docId);
          if (source === 'local') this.stmt.enqueue.run(docId, update, now);
          touched.add(docId);
          return seq;
        }),
      )();
      for (const docId of touched) this.compactIfDue(docId);
      return seqs;
    });
  }

  /** Compacts past the policy's thresholds; the appends are already durable, so a failure only warns. */
  private compactIfDue(docId: string): void {
    const row = this.stmt.doc.get(docId) as DocRow;
    const { maxUpdates, maxBytes } = this.policy;
    if (row.updates_since_snapshot < maxUpdates && row.bytes_since_snapshot < maxBytes) return;
    try {
      this.compactNow(docId);
    } catch (err) {
      console.warn(`Compaction of ${docId} failed; it will be retried`, err);
    }
  }

  loadDoc(docId: string): Promise<StoredDocState | null> {
    return this.guard(() => this.db.transaction(() => this.readMerged(docId))());
  }

  private readMerged(docId: string): StoredDocState | null {
    const row = this.stmt.doc.get(docId) as DocRow | undefined;
    if (!row) return null;
    const snap = this.stmt.snapshot.get(docId) as { seq: number; state: Uint8Array } | undefined;
    const updates = this.stmt.updatesAfter.all(docId, snap?.seq ?? 0) as { blob: Uint8Array }[];
    const parts = [...(snap ? [snap.state] : []), ...updates.map((u) => u.blob)];
    return {
      state: bytes(parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts)),
      lastSeq: row.last_seq,
      updatesSinceSnapshot: updates.length,
    };
  }

  private compactNow(docId: string): void {
    this.db.transaction(() => {
      const merged = this.readMerged(docId);
      if (!merged || merged.updatesSinceSnapshot === 0) return;
      this.stmt.putSnapshot.run(docId, merged.lastSeq, merged.state);
      this.stmt.resetCounters.run(docId);
    })();
  }

  /** The document's row, undefined when unknown; CONFLICT when it is in another workspace. */
  private rowIn({ docId, workspaceId }: DocRef): DocRow | undefined {
    const row = this.stmt.doc.get(docId) as DocRow | undefined;
    if (row && row.workspace_id !== workspaceId) {
      throw new FieldbookError('CONFLICT', `Document ${docId} belongs to another workspace`, {
        docId,
        workspaceId: row.workspace_id,
      });
    }
    return row;
  }

  compact(docId: string): Promise<void> {
    return this.guard(() => this.compactNow(parse(IdSchema, docId, 'document id')));
  }

  readHistory(docId: string, page: { after: number | null; limit: number }): Promise<HistoryRow[]> {
    return this.guard(() => {
      const { id, after, limit } = parse(HistoryPageSchema, { id: docId, ...page }, 'page');
      const rows = this.stmt.history.all(id, after ?? -1, limit) as HistoryRow[];
      return rows.map((r) => ({ ...r, update: bytes(r.update) }));
    });
  }

  resetDoc(ref: DocRef, state: Uint8Array): Promise<void> {
    return this.guard(() => {
      const [entry] = parse(UpdatesSchema, [{ ...ref, update: state, source: 'server' }], 'reset');
      const { docId, workspaceId } = entry!;
      this.db.transaction(() => {
        const row = this.rowIn({ docId, workspaceId });
        if (!row) this.stmt.insertDoc.run(docId, workspaceId, this.now());
        const seq = (row?.last_seq ?? 0) + 1;
        this.stmt.dropAllUpdates.run(docId);
        this.stmt.dropOutbox.run(docId);
        this.stmt.putSnapshot.run(docId, seq, state);
        this.stmt.insertUpdate.run(docId, seq, state, this.now(), null);
        this.stmt.bumpDoc.run(seq, this.now(), 0, docId);
        this.stmt.resetCounters.run(docId);
      })();
    });
  }

  listDocs(workspaceId?: string): Promise<LocalDocInfo[]> {
    return this.guard(() => {
      const rows = (
        workspaceId === undefined ? this.stmt.docs.all() : this.stmt.docsOf.all(workspaceId)
      ) as DocRow[];
      return rows.map((r) => ({
        docId: r.doc_id,
        workspaceId: r.workspace_id,
        lastSeq: r.last_seq,
        updatedAt: r.updated_at,
      }));
    });
  }

  listWorkspaces(): Promise<string[]> {
    return this.guard(() =>
      (this.stmt.workspaces.all() as { workspace_id: string }[]).map((r) => r.workspace_id),
    );
  }

  pendingOutbox(limit = 1000): Promise<OutboxEntry[]> {
    return this.guard(() => {
      const n = parse(z.number().int().positive(), limit, 'outbox limit');
      const rows = this.stmt.outbox.all(n) as {
        id: number;
        doc_id: string;
        workspace_id: string;
        blob: Uint8Array;
        queued_at: number;
      }[];
      return rows.map((r) => ({
        id: r.id,
        docId: r.doc_id,
        workspaceId: r.workspace_id,
        update: bytes(r.blob),
        queuedAt: r.queued_at,
      }));
    });
  }

  ackOutbox(ids: readonly number[]): Promise<void> {
    return this.guard(() => {
      const valid = parse(z.array(z.number().int()), ids, 'outbox ids');
      this.db.transaction(() => valid.forEach((id) => this.stmt.ack.run(id)))();
    });
  }

  deleteDoc(ref: DocRef): Promise<boolean> {
    return this.guard(() => {
      const { docId, workspaceId } = parse(RefSchema, ref, 'document');
      return this.db.transaction(() => {
        if (!this.rowIn({ docId, workspaceId })) return false;
        this.stmt.dropAllUpdates.run(docId);
        this.stmt.dropOutbox.run(docId);
        this.stmt.dropSnapshot.run(docId);
        this.stmt.dropDoc.run(docId);
        return true;
      })();
    });
  }

  putAttachment(workspaceId: string, bytes: Uint8Array, mimeType: string): Promise<string> {
    return this.guard(() => this.files.put(workspaceId, bytes, mimeType));
  }

  getAttachment(hash: string): Promise<StoredAttachment | null> {
    return this.guard(() => this.files.get(hash));
  }

  listAttachments(workspaceId: string): Promise<string[]> {
    return this.guard(() => this.files.list(workspaceId));
  }

  keepFile(file: FileToKeep): Promise<KeptAttachment> {
    return this.guard(() => this.files.keep(file));
  }

  keptFile(hash: string): Promise<KeptFile | null> {
    return this.guard(() => this.files.file(hash));
  }

  pendingUploads(): Promise<KeptAttachment[]> {
    return this.guard(() => this.files.pending());
  }

  markUploaded(hash: string): Promise<void> {
    return this.guard(() => this.files.markUploaded(hash));
  }

  close(): Promise<void> {
    return this.guard(() => void this.db.close());
  }
}
