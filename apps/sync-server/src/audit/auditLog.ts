import { validationError } from '@fieldbook/shared';
import type { AuditPage, AuditStore } from './auditStore';
import { verifyChain } from './chain';
import {
  AuditInputSchema,
  type AuditEntry,
  type AuditFilter,
  type AuditInput,
  type ChainHead,
  type VerifyResult,
} from './types';

/**
 * The tenant audit trail: records entries on the tenant's hash chain, pages
 * through them, verifies the chain and exports it. Every method is scoped to
 * one tenant; there is no cross-tenant read.
 */
export class AuditLog {
  constructor(
    private readonly store: AuditStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Appends one entry to `tenantId`'s chain and returns it as stored. */
  async record(tenantId: string, input: AuditInput): Promise<AuditEntry> {
    const [entry] = await this.recordMany(tenantId, [input]);
    return entry!;
  }

  /** Appends several entries in one transaction, in order. */
  async recordMany(tenantId: string, inputs: readonly AuditInput[]): Promise<AuditEntry[]> {
    const normalized = inputs.map((input) => {
      const parsed = AuditInputSchema.safeParse(input);
      if (!parsed.success) throw validationError('audit entry', parsed.error);
      return parsed.data;
    });
    return this.store.append(tenantId, normalized, this.now());
  }

  /** A page of entries matching `filter`, newest first. */
  list(
    tenantId: string,
    filter: AuditFilter,
    cursor: number | null,
    limit: number,
  ): Promise<AuditPage> {
    return this.store.query(tenantId, filter, cursor, limit);
  }

  /** The newest entry of `tenantId`'s chain (seq and hash), or null before the first: what a report cites. */
  head(tenantId: string): Promise<ChainHead | null> {
    return this.store.head(tenantId);
  }

  /** Recomputes `tenantId`'s chain and names the first broken entry, if any. */
  async verify(tenantId: string): Promise<VerifyResult> {
    const [rows, head] = await Promise.all([
      this.store.readChain(tenantId),
      this.store.head(tenantId),
    ]);
    return verifyChain(rows, head);
  }

  /** Every entry matching `filter`, oldest first, for export. */
  async exportEntries(tenantId: string, filter: AuditFilter): Promise<AuditEntry[]> {
    const rows = await this.store.readChain(tenantId);
    return rows.filter((e) => matches(e, filter));
  }
}

function matches(e: AuditEntry, f: AuditFilter): boolean {
  return (
    (f.action === undefined || e.action === f.action) &&
    (f.actorId === undefined || e.actor.id === f.actorId) &&
    (f.resourceType === undefined || e.resource.type === f.resourceType) &&
    (f.resourceId === undefined || e.resource.id === f.resourceId) &&
    (f.workspaceId === undefined || e.workspaceId === f.workspaceId) &&
    (f.outcome === undefined || e.outcome === f.outcome) &&
    (f.from === undefined || e.ts >= f.from) &&
    (f.to === undefined || e.ts < f.to)
  );
}
