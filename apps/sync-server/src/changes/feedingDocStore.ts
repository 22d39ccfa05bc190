import { docKeyString, type DocStore, type DocumentRef } from '../storage/docStore';
import type { ChangeSink } from './changeFeed';

/**
 * A DocStore that reports to a change feed what it made durable: a new
 * document row (`created`) and each appended update (`updated`, with its
 * seq), pushed after the inner store has returned. The hot-path cost is one
 * push per appended update, and nothing at all while the feed has no
 * subscriber. Every read passes straight through.
 */
export function feedingDocStore(inner: DocStore, sink: ChangeSink, now = Date.now): DocStore {
  /** Tenant of each document seen (every appended document was ensured or found first). */
  const tenants = new Map<string, string>();
  const remember = (ref: DocumentRef) => tenants.set(docKeyString(ref), ref.tenantId);

  return {
    async ensureDocument(ref, createdBy) {
      const before = now();
      const record = await inner.ensureDocument(ref, createdBy);
      remember(record);
      if (sink.active && record.createdBy === createdBy && record.createdAt >= before) {
        sink.push({
          kind: 'created',
          key: { workspaceId: record.workspaceId, docId: record.docId },
          tenantId: record.tenantId,
          actor: createdBy,
          ts: record.createdAt,
        });
      }
      return record;
    },
    async findDocument(key) {
      const record = await inner.findDocument(key);
      if (record) remember(record);
      return record;
    },
    async appendUpdates(entries) {
      const seqs = await inner.appendUpdates(entries);
      if (!sink.active) return seqs;
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i]!;
        const seq = seqs[i]!;
        // Appends come after an ensure or a find, so the tenant is known; else it is looked up.
        const tenantId = tenants.get(docKeyString(e)) ?? (await inner.findDocument(e))?.tenantId;
        if (tenantId === undefined) continue;
        sink.push({
          kind: 'updated',
          key: { workspaceId: e.workspaceId, docId: e.docId },
          tenantId,
          fromSeq: seq,
          toSeq: seq,
          updates: [{ seq, update: e.update, actor: e.actor, client: e.client, ts: e.ts }],
        });
      }
      return seqs;
    },
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
