import { validationError } from '@fieldbook/shared';
import type { AuditPage, AuditStore } from './auditStore';
import { SEAL_ACTION, verifyChain } from './chain';
import type { CheckpointService } from './checkpointService';
import { checkAgainstCheckpoints, type Checkpoint } from './checkpoints';
import type { AuditKeyRing } from './keys';
import {
  AuditInputSchema,
  type AuditEntry,
  type AuditFilter,
  type AuditInput,
  type ChainHead,
  type VerifyResult,
} from './types';

/** What `verify` found about the checkpoints beside the chain. */
export interface CheckpointReport {
  /** Checkpoints with a valid signature by the published key, compared with the chain. */
  checked: number;
  /** How many came from the checkpoint file (null: no file configured). */
  external: number | null;
  /** Signed by a key this server does not publish, or unreadable lines of the file. */
  unverifiable: number;
  /** Of the newest TIMESTAMPS_CHECKED time-stamped checkpoints: tokens that verify, and those that do not. */
  timestamped: number;
  badTimestamps: number;
  /** The newest checkpoint: its number, the entry it vouches for, when. */
  latest: { seq: number; headSeq: number; ts: number } | null;
}

/** How many of the newest time-stamp tokens a verification checks (each is a CMS signature check). */
export const TIMESTAMPS_CHECKED = 50;

/** A chain verification and what the checkpoints say. */
export type Verification = VerifyResult & { checkpoints: CheckpointReport };

/**
 * The tenant audit trail: records entries on the tenant's chain (each sealed
 * with the current audit key), pages through them, verifies the chain against
 * its keys and signed checkpoints, and exports it. Every method is scoped to
 * one tenant; there is no cross-tenant read.
 */
export class AuditLog {
  private readonly listeners = new Set<(entries: readonly AuditEntry[]) => void>();

  constructor(
    private readonly store: AuditStore,
    private readonly keys: AuditKeyRing,
    private readonly now: () => number = Date.now,
    private readonly checkpoints: CheckpointService | null = null,
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
    const entries = await this.store.append(tenantId, normalized, this.now(), this.keys.current);
    for (const listener of this.listeners) listener(entries);
    return entries;
  }

  /**
   * Calls `listener` with the entries of every append once they are stored
   * (webhooks and notifications derive their events from them). It runs in
   * the appender's turn: it must only queue work, never throw. Returns the unsubscribe.
   */
  onRecorded(listener: (entries: readonly AuditEntry[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Seals every chain whose newest entry predates audit keys with an
   * `audit.seal` entry naming it, so the key vouches for the unkeyed entries
   * before it. Run at start, before anything else appends; returns how many.
   */
  async sealUnkeyed(): Promise<number> {
    const unsealed = (await this.store.heads()).filter((h) => !h.keyed);
    for (const head of unsealed) {
      await this.record(head.tenantId, {
        actor: { type: 'system', id: null, label: 'audit keys' },
        action: SEAL_ACTION,
        outcome: 'success',
        resource: { type: 'audit', id: null },
        summary: { sealedSeq: head.seq, sealedHash: head.hash, keyId: this.keys.current.id },
      });
    }
    return unsealed.length;
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

  /**
   * Recomputes `tenantId`'s chain with each entry's key, compares it with every
   * signed checkpoint (database and file), and names the first bad entry.
   */
  async verify(tenantId: string): Promise<Verification> {
    const [rows, head] = await Promise.all([
      this.store.readChain(tenantId),
      this.store.head(tenantId),
    ]);
    const chain = verifyChain(rows, head, this.keys);
    if (!this.checkpoints) return { ...chain, checkpoints: emptyReport() };
    const evidence = await this.checkpoints.evidence(tenantId);
    const all = [
      ...new Map(
        [...evidence.stored, ...(evidence.external ?? [])].map((cp) => [cp.signature, cp]),
      ).values(),
    ];
    const check = checkAgainstCheckpoints(rows, all, this.checkpoints.publicKey);
    const report = await this.report(all, evidence.external, check, evidence.unreadable);
    const fault = check.fault;
    if (fault && (chain.ok || fault.beforeSeq < chain.firstBad.seq)) {
      const { seq, reason, message } = fault;
      return {
        ok: false,
        checked: rows.length,
        firstBad: { seq, reason, message },
        checkpoints: report,
      };
    }
    return { ...chain, checkpoints: report };
  }

  /** Every entry matching `filter`, oldest first, for export. */
  async exportEntries(tenantId: string, filter: AuditFilter): Promise<AuditEntry[]> {
    const rows = await this.store.readChain(tenantId);
    return rows.filter((e) => matches(e, filter));
  }

  private async report(
    all: Checkpoint[],
    external: Checkpoint[] | null,
    check: { checked: number; unverifiable: number },
    unreadable: number,
  ): Promise<CheckpointReport> {
    let timestamped = 0;
    let badTimestamps = 0;
    const newestStamped = all
      .filter((cp) => cp.timestamp)
      .sort((a, b) => b.ts - a.ts)
      .slice(0, TIMESTAMPS_CHECKED);
    for (const cp of newestStamped) {
      if (await this.checkpoints!.timestampValid(cp)) timestamped++;
      else badTimestamps++;
    }
    const latest = all.reduce<Checkpoint | null>((a, b) => (!a || b.seq > a.seq ? b : a), null);
    return {
      checked: check.checked,
      external: external ? external.length : null,
      unverifiable: check.unverifiable + unreadable,
      timestamped,
      badTimestamps,
      latest: latest && { seq: latest.seq, headSeq: latest.headSeq, ts: latest.ts },
    };
  }
}

function emptyReport(): CheckpointReport {
  return {
    checked: 0,
    external: null,
    unverifiable: 0,
    timestamped: 0,
    badTimestamps: 0,
    latest: null,
  };
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
