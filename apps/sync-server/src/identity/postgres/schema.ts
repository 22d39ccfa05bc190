import { bigint, boolean, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** Organizations; everything else hangs off one. */
export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
});

/**
 * People who sign in. E-mail is unique across tenants because sign-in names
 * no tenant. `tenant_role` `admin` is the tenant's administrator (admin of
 * every workspace); lockout state follows seed 002.
 */
export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    tenantRole: text('tenant_role').notNull(),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: bigint('locked_until', { mode: 'number' }),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('users_tenant').on(t.tenantId)],
);

/** A sign-in: one refresh-token family. Revoking it ends every token and socket of the sign-in. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    revokedAt: bigint('revoked_at', { mode: 'number' }),
    revokeReason: text('revoke_reason'),
  },
  (t) => [index('sessions_tenant_user').on(t.tenantId, t.userId)],
);

/** Refresh tokens, stored as hashes; each is used once and replaced by the next of its family. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    sessionId: text('session_id').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    usedAt: bigint('used_at', { mode: 'number' }),
  },
  (t) => [index('refresh_tokens_session').on(t.sessionId)],
);

/** Workspaces of a tenant. */
export const workspaces = pgTable(
  'workspaces',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    name: text('name').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    archivedAt: bigint('archived_at', { mode: 'number' }),
    approvalsNeedPassword: boolean('approvals_need_password').notNull().default(false),
    annotationsNeedReview: boolean('annotations_need_review').notNull().default(false),
  },
  (t) => [index('workspaces_tenant').on(t.tenantId)],
);

/** A user's role (and capabilities, JSON array) in one workspace. */
export const memberships = pgTable(
  'memberships',
  {
    tenantId: text('tenant_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role').notNull(),
    capabilities: text('capabilities').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    index('memberships_tenant_user').on(t.tenantId, t.userId),
  ],
);

/** Single-use invitation links to a workspace, stored as token hashes. */
export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    role: text('role').notNull(),
    capabilities: text('capabilities').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    usedAt: bigint('used_at', { mode: 'number' }),
    usedBy: text('used_by'),
  },
  (t) => [index('invitations_tenant_workspace').on(t.tenantId, t.workspaceId)],
);

/**
 * API keys `fb_<prefix>_<secret>`: the prefix finds the row, the secret is
 * kept only as an HMAC. Scope: one workspace or all, read or write, agent use.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    prefix: text('prefix').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    name: text('name').notNull(),
    createdBy: text('created_by').notNull(),
    workspaceId: text('workspace_id'),
    access: text('access').notNull(),
    agent: boolean('agent').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }),
    revokedAt: bigint('revoked_at', { mode: 'number' }),
    lastUsedAt: bigint('last_used_at', { mode: 'number' }),
  },
  (t) => [index('api_keys_tenant').on(t.tenantId)],
);

/** Single-use sync-socket tickets (≤ 60 s), stored as token hashes. */
export const syncTickets = pgTable('sync_tickets', {
  tokenHash: text('token_hash').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  /** JSON of the principal the ticket stands for. */
  principal: text('principal').notNull(),
  workspaceId: text('workspace_id').notNull(),
  expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  usedAt: bigint('used_at', { mode: 'number' }),
});

/**
 * Single-use password-reset links an administrator issued for a user, stored
 * as token hashes. Issuing a new one ends the user's earlier ones.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: text('created_by').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    usedAt: bigint('used_at', { mode: 'number' }),
  },
  (t) => [index('password_resets_tenant_user').on(t.tenantId, t.userId)],
);
