import type { Checkpoint } from './checkpoints';
import type { AuditKey } from './keys';
import type { AuditEntry, AuditFilter, ChainHead, NormalizedAuditInput } from './types';

/** A page of entries, newest first, and the cursor of the next (older) page. */
export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: number | null;
}

/** A tenant's chain head, with whether its newest entry is sealed with a key. */
export interface TenantHead extends ChainHead {
  tenantId: string;
  keyed: boolean;
}

/**
 * Storage of the audit log. Implementations assign seq and hashes inside one
 * transaction per append (so a tenant's chain never forks), never update or
 * delete an entry, and scope every read by tenant. SQLite implements it now;
 * PostgreSQL will run the same contract suite (`auditStore.contract.ts`).
 */
export interface AuditStore {
  /** Appends entries to `tenantId`'s chain in order, stamped `ts`, sealed with `key`, and returns them as stored. */
  append(
    tenantId: string,
    inputs: readonly NormalizedAuditInput[],
    ts: number,
    key: AuditKey,
  ): Promise<AuditEntry[]>;
  /** Entries matching `filter`, newest first, with seq below `cursor` when given. */
  query(
    tenantId: string,
    filter: AuditFilter,
    cursor: number | null,
    limit: number,
  ): Promise<AuditPage>;
  /** The whole chain in seq order (verification and export). */
  readChain(tenantId: string): Promise<AuditEntry[]>;
  /** The stored head of the chain, or null before the first entry. */
  head(tenantId: string): Promise<ChainHead | null>;
  /** Every tenant's head (checkpoints, sealing). */
  heads(): Promise<TenantHead[]>;
  /** Stores a signed checkpoint; its (tenant, seq) must be new. */
  addCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /** The tenant's newest checkpoint, or null. */
  lastCheckpoint(tenantId: string): Promise<Checkpoint | null>;
  /** The tenant's checkpoints, newest first, with seq below `cursor` when given. */
  listCheckpoints(
    tenantId: string,
    cursor: number | null,
    limit: number,
  ): Promise<{ items: Checkpoint[]; nextCursor: number | null }>;
  /** Every checkpoint of the tenant, oldest first (verification). */
  readCheckpoints(tenantId: string): Promise<Checkpoint[]>;
}
