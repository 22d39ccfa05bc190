import { IMPORT_CLIENT } from '@fieldbook/crdt-model';
import * as Y from 'yjs';
import {
  docKeyString,
  type DocKey,
  type DocStore,
  type DocumentRef,
  type UpdateEntry,
} from '../storage/docStore';
import type { AuditLog } from './auditLog';
import type { EditAggregator } from './editAggregator';
import { touchedParts } from './touchedParts';
import { trashChanges } from './trashChanges';
import type { Actor } from './types';

export interface AuditedDocStoreOptions {
  audit: AuditLog;
  edits: EditAggregator;
  /** The audit actor behind a socket principal id. */
  actorOf(principalId: string): Actor;
  /** The loaded document, to tell which parts an update touched (null when not loaded). */
  docOf(key: DocKey): Y.Doc | null;
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

  type Place = { tenantId: string; workspaceId: string };

  /** Audits the trash and restore operations `entry` carried, read from `index` (which holds it). */
  const auditTrash = (place: Place, entry: UpdateEntry, index: Y.Doc) => {
    for (const change of trashChanges(index, entry.update)) {
      options.audit
        .record(place.tenantId, {
          actor: options.actorOf(entry.actor),
          action: change.action,
          outcome: 'success',
          resource: { type: 'document', id: change.documentId },
          workspaceId: place.workspaceId,
          summary: {
            trashedAt: { ...('from' in change ? { from: change.from } : {}), to: change.to },
            via: entry.client === IMPORT_CLIENT ? 'import' : 'sync',
          },
        })
        .catch(options.onError);
    }
  };

  /** The same for an index no hub holds (an import): its stored state, which includes `entry`. */
  const auditTrashFromStore = async (place: Place, entry: UpdateEntry) => {
    const stored = await inner.load(entry);
    const index = new Y.Doc();
    index.transact(() => {
      if (stored.snapshot) Y.applyUpdate(index, stored.snapshot.state);
      for (const u of stored.updates) Y.applyUpdate(index, u.update);
    });
    auditTrash(place, entry, index);
    index.destroy();
  };

  const drain = () => {
    scheduled = false;
    for (const entry of pending.splice(0)) {
      const place = places.get(docKeyString(entry));
      if (!place) continue;
      const doc = options.docOf(entry);
      // The workspace index document has the workspace's id; its entries hold `trashedAt`.
      const isIndex = entry.docId === place.workspaceId;
      let parts: { annotations: string[]; sections: string[] } = { annotations: [], sections: [] };
      try {
        if (doc) parts = touchedParts(doc, entry.update);
        if (doc && isIndex) auditTrash(place, entry, doc);
      } catch (err) {
        options.onError(err);
      }
      if (!doc && isIndex) auditTrashFromStore(place, entry).catch(options.onError);
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
      places.set(docKeyString(record), {
        tenantId: record.tenantId,
        workspaceId: record.workspaceId,
      });
      const created = record.createdBy === createdBy && record.createdAt >= before;
      if (created) {
        options.audit
          .record(record.tenantId, {
            actor: options.actorOf(createdBy),
            action: 'document.create',
            outcome: 'success',
            resource: { type: 'document', id: record.docId },
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
    findDocument: (key) => inner.findDocument(key),
    load: (key) => inner.load(key),
    writeSnapshot: (key, snapshot) => inner.writeSnapshot(key, snapshot),
    logStats: (key) => inner.logStats(key),
    readLog: (key, afterSeq) => inner.readLog(key, afterSeq),
    readLogRange: (key, range) => inner.readLogRange(key, range),
    readCheckpoint: (key) => inner.readCheckpoint(key),
    writeCheckpoint: (key, checkpoint) => inner.writeCheckpoint(key, checkpoint),
    footprint: (key) => inner.footprint(key),
    health: () => inner.health(),
    close: () => inner.close(),
  };
}
