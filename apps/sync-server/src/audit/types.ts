import { z } from 'zod';

/** Who did something: a signed-in user, an API key, the server itself, or nobody known (failed sign-in). */
export const ActorSchema = z.object({
  type: z.enum(['user', 'apiKey', 'system', 'anonymous']),
  id: z.string().nullable(),
  /** A human label such as the e-mail address tried; never a secret. */
  label: z.string().nullable(),
});
export type Actor = z.infer<typeof ActorSchema>;

/**
 * The audited actions. Others may record further dotted names (e.g.
 * `command.approve`); these are the ones the identity and sync layers write.
 */
export const AUDIT_ACTIONS = [
  'auth.signup',
  'auth.login',
  'auth.logout',
  'auth.lockout',
  'auth.refreshReuse',
  'auth.signingToken',
  'workspace.create',
  'workspace.rename',
  'workspace.archive',
  'workspace.unarchive',
  'workspace.approvalSettings',
  'workspace.reviewSettings',
  'member.add',
  'member.role',
  'member.remove',
  'invitation.create',
  'invitation.accept',
  'apiKey.create',
  'apiKey.revoke',
  'webhook.create',
  'webhook.update',
  'webhook.delete',
  'document.create',
  'document.trash',
  'document.restore',
  'document.export',
  'workspace.import',
  'document.edit',
  'audit.export',
  'audit.seal',
  'sync.refusedWrite',
] as const;

/** What the caller supplies for one audit entry; the log adds id, seq, time and hashes. */
export const AuditInputSchema = z.object({
  actor: ActorSchema,
  action: z.string().regex(/^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)+$/),
  outcome: z.enum(['success', 'failure']),
  resource: z.object({ type: z.string().min(1), id: z.string().nullable() }),
  workspaceId: z.string().nullable().default(null),
  /** Old → new summary or counts; plain JSON, never a secret. */
  summary: z.record(z.string(), z.unknown()).nullable().default(null),
  ip: z.string().nullable().default(null),
  requestId: z.string().nullable().default(null),
});
export type AuditInput = z.input<typeof AuditInputSchema>;
export type NormalizedAuditInput = z.output<typeof AuditInputSchema>;

/** One entry of a tenant's chain as stored. */
export interface AuditEntry extends NormalizedAuditInput {
  id: string;
  tenantId: string;
  /** Position in the tenant's chain, from 1 with no gaps. */
  seq: number;
  /** Epoch ms. */
  ts: number;
  /** The audit key that sealed the entry; null for entries written before audit keys. */
  keyId: string | null;
  /** The previous entry's hash (64 zeros for the first entry). */
  prevHash: string;
  /** HMAC-SHA256 under the key `keyId` names of prevHash + canonicalJson(body), hex (sha256 when unkeyed). */
  hash: string;
}

/** The newest entry of a chain, kept apart so a truncated log is noticed. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Filters of `GET /audit`. */
export interface AuditFilter {
  action?: string;
  actorId?: string;
  resourceType?: string;
  resourceId?: string;
  workspaceId?: string;
  outcome?: 'success' | 'failure';
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
}

/** Why verification stopped at an entry. */
export const CHAIN_FAULTS = [
  'altered',
  'missing',
  'inserted',
  'reordered',
  'unknownKey',
  'rewritten',
] as const;
export type ChainFault = (typeof CHAIN_FAULTS)[number];

/** The outcome of recomputing a chain. */
export type VerifyResult =
  | { ok: true; checked: number; headSeq: number }
  | {
      ok: false;
      checked: number;
      firstBad: { seq: number; reason: ChainFault; message: string };
    };
