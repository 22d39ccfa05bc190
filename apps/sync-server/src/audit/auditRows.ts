import { eq, gte, lt, type Column, type SQL } from 'drizzle-orm';
import { CheckpointSchema, type Checkpoint } from './checkpoints';
import type { AuditEntry, AuditFilter } from './types';

/**
 * Row ↔ entry conversions and filters shared by the SQLite and PostgreSQL
 * audit stores, whose `audit_entries` tables have the same columns.
 */

/** A stored `audit_entries` row. */
export interface AuditRow {
  tenantId: string;
  seq: number;
  id: string;
  ts: number;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  outcome: string;
  resourceType: string;
  resourceId: string | null;
  workspaceId: string | null;
  summary: string | null;
  ip: string | null;
  requestId: string | null;
  keyId: string | null;
  prevHash: string;
  hash: string;
}

/** The columns a filter reads. */
export type AuditColumns = Record<
  | 'tenantId'
  | 'action'
  | 'actorId'
  | 'resourceType'
  | 'resourceId'
  | 'workspaceId'
  | 'outcome'
  | 'ts',
  Column
>;

/** An entry from its stored row. */
export function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    tenantId: row.tenantId,
    seq: row.seq,
    ts: row.ts,
    actor: {
      type: row.actorType as AuditEntry['actor']['type'],
      id: row.actorId,
      label: row.actorLabel,
    },
    action: row.action,
    outcome: row.outcome as AuditEntry['outcome'],
    resource: { type: row.resourceType, id: row.resourceId },
    workspaceId: row.workspaceId,
    summary: row.summary === null ? null : (JSON.parse(row.summary) as Record<string, unknown>),
    ip: row.ip,
    requestId: row.requestId,
    keyId: row.keyId,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** The row that stores an entry. */
export function toRow(e: AuditEntry): AuditRow {
  return {
    tenantId: e.tenantId,
    seq: e.seq,
    id: e.id,
    ts: e.ts,
    actorType: e.actor.type,
    actorId: e.actor.id,
    actorLabel: e.actor.label,
    action: e.action,
    outcome: e.outcome,
    resourceType: e.resource.type,
    resourceId: e.resource.id,
    workspaceId: e.workspaceId,
    summary: e.summary === null ? null : JSON.stringify(e.summary),
    ip: e.ip,
    requestId: e.requestId,
    keyId: e.keyId,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

/** A stored checkpoint body, or null when the row no longer parses (it was tampered with). */
export function toCheckpoint(body: string): Checkpoint | null {
  try {
    const parsed = CheckpointSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The WHERE clauses of a tenant's filtered audit query, on either dialect's table. */
export function filterClauses(t: AuditColumns, tenantId: string, f: AuditFilter): SQL[] {
  const clauses: SQL[] = [eq(t.tenantId, tenantId)];
  if (f.action) clauses.push(eq(t.action, f.action));
  if (f.actorId) clauses.push(eq(t.actorId, f.actorId));
  if (f.resourceType) clauses.push(eq(t.resourceType, f.resourceType));
  if (f.resourceId) clauses.push(eq(t.resourceId, f.resourceId));
  if (f.workspaceId) clauses.push(eq(t.workspaceId, f.workspaceId));
  if (f.outcome) clauses.push(eq(t.outcome, f.outcome));
  if (f.from !== undefined) clauses.push(gte(t.ts, f.from));
  if (f.to !== undefined) clauses.push(lt(t.ts, f.to));
  return clauses;
}
