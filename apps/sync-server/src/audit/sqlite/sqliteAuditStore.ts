import { and, asc, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { newId } from '@fieldbook/shared';
import type { AuditPage, AuditStore, TenantHead } from '../auditStore';
import { GENESIS_HASH, sealedEntryHash } from '../chain';
import type { Checkpoint } from '../checkpoints';
import { filterClauses, toCheckpoint, toEntry, toRow } from '../auditRows';
import type { AuditEntry, ChainHead, NormalizedAuditInput } from '../types';
import { auditCheckpoints, auditEntries, auditHeads } from './schema';

/**
 * The audit store on an embedded SQLite database whose schema is migrated by
 * the caller. Appends run in an IMMEDIATE transaction: the head is read and
 * moved under the write lock, so concurrent writers never fork a chain. The
 * HMAC key is handed in per append and never stored.
 */
export function createSqliteAuditStore(db: BetterSQLite3Database): AuditStore {
  return {
    async append(tenantId, inputs: readonly NormalizedAuditInput[], ts, key) {
      return db.transaction(
        (tx) => {
          const head = tx.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId)).get();
          let seq = head?.seq ?? 0;
          let prevHash = head?.hash ?? GENESIS_HASH;
          const out: AuditEntry[] = [];
          for (const input of inputs) {
            seq += 1;
            const body = { ...input, id: newId(ts), tenantId, seq, ts, keyId: key.id };
            const hash = sealedEntryHash(prevHash, body, key);
            const entry: AuditEntry = { ...body, prevHash, hash };
            tx.insert(auditEntries).values(toRow(entry)).run();
            out.push(entry);
            prevHash = hash;
          }
          tx.insert(auditHeads)
            .values({ tenantId, seq, hash: prevHash })
            .onConflictDoUpdate({ target: auditHeads.tenantId, set: { seq, hash: prevHash } })
            .run();
          return out;
        },
        { behavior: 'immediate' },
      );
    },

    async query(tenantId, filter, cursor, limit): Promise<AuditPage> {
      const clauses = filterClauses(auditEntries, tenantId, filter);
      if (cursor !== null) clauses.push(lt(auditEntries.seq, cursor));
      const rows = db
        .select()
        .from(auditEntries)
        .where(and(...clauses))
        .orderBy(desc(auditEntries.seq))
        .limit(limit + 1)
        .all();
      const page = rows.slice(0, limit).map(toEntry);
      return { entries: page, nextCursor: rows.length > limit ? page[page.length - 1]!.seq : null };
    },

    async readChain(tenantId) {
      return db
        .select()
        .from(auditEntries)
        .where(eq(auditEntries.tenantId, tenantId))
        .orderBy(asc(auditEntries.seq))
        .all()
        .map(toEntry);
    },

    async head(tenantId): Promise<ChainHead | null> {
      const row = db.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId)).get();
      return row ? { seq: row.seq, hash: row.hash } : null;
    },

    async heads(): Promise<TenantHead[]> {
      return db
        .select({
          tenantId: auditHeads.tenantId,
          seq: auditHeads.seq,
          hash: auditHeads.hash,
          keyId: auditEntries.keyId,
        })
        .from(auditHeads)
        .leftJoin(
          auditEntries,
          and(eq(auditEntries.tenantId, auditHeads.tenantId), eq(auditEntries.seq, auditHeads.seq)),
        )
        .all()
        .map(({ keyId, ...head }) => ({ ...head, keyed: keyId !== null }));
    },

    async addCheckpoint(cp) {
      db.insert(auditCheckpoints)
        .values({
          tenantId: cp.tenantId,
          seq: cp.seq,
          headSeq: cp.headSeq,
          ts: cp.ts,
          body: JSON.stringify(cp),
        })
        .run();
    },

    async lastCheckpoint(tenantId) {
      const row = db
        .select()
        .from(auditCheckpoints)
        .where(eq(auditCheckpoints.tenantId, tenantId))
        .orderBy(desc(auditCheckpoints.seq))
        .limit(1)
        .get();
      return row ? toCheckpoint(row.body) : null;
    },

    async listCheckpoints(tenantId, cursor, limit) {
      const clauses: SQL[] = [eq(auditCheckpoints.tenantId, tenantId)];
      if (cursor !== null) clauses.push(lt(auditCheckpoints.seq, cursor));
      const rows = db
        .select()
        .from(auditCheckpoints)
        .where(and(...clauses))
        .orderBy(desc(auditCheckpoints.seq))
        .limit(limit + 1)
        .all();
      const page = rows.slice(0, limit);
      return {
        items: page.map((r) => toCheckpoint(r.body)).filter((c): c is Checkpoint => c !== null),
        nextCursor: rows.length > limit ? page[page.length - 1]!.seq : null,
      };
    },

    async readCheckpoints(tenantId) {
      return db
        .select()
        .from(auditCheckpoints)
        .where(eq(auditCheckpoints.tenantId, tenantId))
        .orderBy(asc(auditCheckpoints.seq))
        .all()
        .map((r) => toCheckpoint(r.body))
        .filter((c): c is Checkpoint => c !== null);
    },
  };
}
