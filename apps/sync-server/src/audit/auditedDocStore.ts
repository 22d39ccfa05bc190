import type * as Y from 'yjs';
import type { DocStore, DocumentRef, UpdateEntry } from '../storage/docStore';
import type { AuditLog } from './auditLog';
import type { EditAggregator } from './editAggregator';
import { touchedParts } from './touchedParts';
import type { Actor } from './types';

export interface AuditedDocStoreOptions {
  audit: AuditLog;
  edits: EditAggregator;
  /** The audit actor behind a socket principal id. */
  actorOf(principalId: string): Actor;
  /** The loaded document, to tell which parts an update touched (null when not loaded). */
  docOf(docId: string): Y.Doc | null;
  onError(err: unknown): void;
  now?: () => number;
}

/**
 * A DocStore that audits what passes through it, off the hot path: the first
 * sync of an unknown document id records `document.create`; every durably
 * appended update is counted into the per-user, per-document, per-minute edit
 * entries (after the append has returned, in a later tick).
 */
export function auditedDocStore(inner: DocStore, options: AuditedDocStoreOptions): DocStore {
  const now = options.now ?? Date.now;
  const places = new Map<string, { tenantId: string; workspaceId: string }>();
  const pending: UpdateEntry[] = [];
  let scheduled = false;

  const drain = () => {
    scheduled = false;
    for (const entry of pending.splice(0)) {
      const place = places.get(entry.docId);
      if (!place) continue;
      const doc = options.docOf(entry.docId);
      let parts: { annotations: string[]; sections: string[] } = { annotations: [], sections: [] };
      try {
        if (doc) parts = touchedParts(doc, entry.update);
      } catch (err) {
        options.onError(err);
      }
      options.edits.record({
        ...place,
        docId: entry.docId,
        actor: options.actorOf(entry.actor),
        bytes: entry.update.byteLength,
        ...parts,
        ts: entry.ts,
      });
    }
  };

  return {
    async ensureDocument(ref: DocumentRef, createdBy: string) {
      const before = now();
      const record = await inner.ensureDocument(ref, createdBy);
      places.set(record.id, { tenantId: record.tenantId, workspaceId: record.workspaceId });
      const created = record.createdBy === createdBy && record.createdAt >= before;
      if (created) {
        options.audit
          .record(record.tenantId, {
            actor: options.actorOf(createdBy),
            action: 'document.create',
            outcome: 'success',
            resource: { type: 'document', id: record.id },
            workspaceId: record.workspaceId,
            summary: { via: 'sync' },
          })
          .catch(options.onError);
      }
      return record;
    },
    async appendUpdates(entries) {
      const seqs = await inner.appendUpdates(entries);
      pending.push(...entries);
      if (!scheduled) {
        scheduled = true;
        setImmediate(drain);
      }
      return seqs;
    },
    load: (docId) => inner.load(docId),
    writeSnapshot: (docId, snapshot) => inner.writeSnapshot(docId, snapshot),
    logStats: (docId) => inner.logStats(docId),
    readLog: (docId, afterSeq) => inner.readLog(docId, afterSeq),
    health: () => inner.health(),
    close: () => inner.close(),
  };
}
