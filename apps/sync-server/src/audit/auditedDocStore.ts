import type * as Y from 'yjs';
import type { DocStore, DocumentRef, UpdateEntry } from '../storage/docStore';
import type { AuditLog } from './auditLog';
import type { EditAggregator } from './editAggregator';
import { touchedParts } from './touchedParts';
import { trashChanges, type TrashChange } from './trashChanges';
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
 * sync of an unknown document id records `document.create`; an update of a
 * workspace index that trashes or restores an entry records `document.trash`
 * or `document.restore`; every durably appended update is counted into the per-user, per-document, per-minute edit
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
      let trash: TrashChange[] = [];
      try {
        if (doc) parts = touchedParts(doc, entry.update);
        // The workspace index document has the workspace's id; its entries hold `trashedAt`.
        if (doc && entry.docId === place.workspaceId) trash = trashChanges(doc, entry.update);
      } catch (err) {
        options.onError(err);
      }
      for (const change of trash) {
        options.audit
          .record(place.tenantId, {
            actor: options.actorOf(entry.actor),
            action: change.action,
            outcome: 'success',
            resource: { type: 'document', id: change.documentId },
            workspaceId: place.workspaceId,
            summary: {
              trashedAt: { ...('from' in change ? { from: change.from } : {}), to: change.to },
              via: 'sync',
            },
          })
          .catch(options.onError);
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
