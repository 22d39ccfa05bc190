import { and, asc, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { newId } from '@fieldbook/shared';
import type { AuditPage, AuditStore, TenantHead } from '../auditStore';
import { filterClauses, toCheckpoint, toEntry, toRow } from '../auditRows';
import { GENESIS_HASH, sealedEntryHash } from '../chain';
import type { Checkpoint } from '../checkpoints';
import type { AuditEntry, ChainHead } from '../types';
import { auditCheckpoints, auditEntries, auditHeads } from './schema';

const checkpointsOf = (rows: { body: string }[]): Checkpoint[] =>
  rows.map((r) => toCheckpoint(r.body)).filter((c): c is Checkpoint => c !== null);

/**
 * The audit store on PostgreSQL (schema migrated by the caller, family
 * `audit`), shared by every server node.
 *
 * One chain per tenant however many nodes append: each append takes
 * `pg_advisory_xact_lock` on the tenant (a 64-bit hash of `audit:<tenant>`)
 * before reading the head, and holds it until its entries and the new head
 * are committed. An advisory lock rather than `SELECT … FOR UPDATE` on the
 * head row because a tenant's first append has no head row to lock yet (two
 * nodes would both start at seq 1); a hash collision between two tenants
 * only makes them take turns. The primary key (tenant, seq) would refuse a
 * fork even if the lock were bypassed. The HMAC key is handed in per append
 * and never stored.
 */
export function createPostgresAuditStore(db: NodePgDatabase): AuditStore {
  return {
    async append(tenantId, inputs, ts, key) {
      return db.transaction(async (tx) => {
        await tx.execute(
          sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${tenantId}`}, 0))`,
        );
        const [head] = await tx.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId));
        let seq = head?.seq ?? 0;
        let prevHash = head?.hash ?? GENESIS_HASH;
        const out: AuditEntry[] = [];
        for (const input of inputs) {
          seq += 1;
          const body = { ...input, id: newId(ts), tenantId, seq, ts, keyId: key.id };
          const hash = sealedEntryHash(prevHash, body, key);
          out.push({ ...body, prevHash, hash });
          prevHash = hash;
        }
        if (out.length > 0) await tx.insert(auditEntries).values(out.map(toRow));
        await tx
          .insert(auditHeads)
          .values({ tenantId, seq, hash: prevHash })
          .onConflictDoUpdate({ target: auditHeads.tenantId, set: { seq, hash: prevHash } });
        return out;
      });
    },

    async query(tenantId, filter, cursor, limit): Promise<AuditPage> {
      const clauses = filterClauses(auditEntries, tenantId, filter);
      if (cursor !== null) clauses.push(lt(auditEntries.seq, cursor));
      const rows = await db
        .select()
        .from(auditEntries)
        .where(and(...clauses))
        .orderBy(desc(auditEntries.seq))
        .limit(limit + 1);
      const page = rows.slice(0, limit).map(toEntry);
      return { entries: page, nextCursor: rows.length > limit ? page[page.length - 1]!.seq : null };
    },

    async readChain(tenantId) {
      const rows = await db
        .select()
        .from(auditEntries)
        .where(eq(auditEntries.tenantId, tenantId))
        .orderBy(asc(auditEntries.seq));
      return rows.map(toEntry);
    },

    async head(tenantId): Promise<ChainHead | null> {
      const [row] = await db.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId));
      return row ? { seq: row.seq, hash: row.hash } : null;
    },

    async heads(): Promise<TenantHead[]> {
      const rows = await db
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
        );
      return rows.map(({ keyId, ...head }) => ({ ...head, keyed: keyId !== null }));
    },

    async addCheckpoint(cp) {
      await db.insert(auditCheckpoints).values({
        tenantId: cp.tenantId,
        seq: cp.seq,
        headSeq: cp.headSeq,
        ts: cp.ts,
        body: JSON.stringify(cp),
      });
    },

    async lastCheckpoint(tenantId) {
      const [row] = await db
        .select()
        .from(auditCheckpoints)
        .where(eq(auditCheckpoints.tenantId, tenantId))
        .orderBy(desc(auditCheckpoints.seq))
        .limit(1);
      return row ? toCheckpoint(row.body) : null;
    },

    async listCheckpoints(tenantId, cursor, limit) {
      const clauses: SQL[] = [eq(auditCheckpoints.tenantId, tenantId)];
      if (cursor !== null) clauses.push(lt(auditCheckpoints.seq, cursor));
      const rows = await db
        .select()
        .from(auditCheckpoints)
        .where(and(...clauses))
        .orderBy(desc(auditCheckpoints.seq))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return {
        items: checkpointsOf(page),
        nextCursor: rows.length > limit ? page[page.length - 1]!.seq : null,
      };
    },

    async readCheckpoints(tenantId) {
      const rows = await db
        .select()
        .from(auditCheckpoints)
        .where(eq(auditCheckpoints.tenantId, tenantId))
        .orderBy(asc(auditCheckpoints.seq));
      return checkpointsOf(rows);
    },
  };
}
