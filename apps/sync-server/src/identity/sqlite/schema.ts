import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Organizations; everything else hangs off one. */
export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: integer('created_at').notNull(),
});

/**
 * People who sign in. E-mail is unique across tenants because sign-in names
 * no tenant. `tenant_role` `admin` is the tenant's administrator (admin of
 * every workspace); lockout state follows seed 002.
 */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    tenantRole: text('tenant_role').notNull(),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: integer('locked_until'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('users_tenant').on(t.tenantId)],
);

/** A sign-in: one refresh-token family. Revoking it ends every token and socket of the sign-in. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
    revokeReason: text('revoke_reason'),
  },
  (t) => [index('sessions_tenant_user').on(t.tenantId, t.userId)],
);

/** Refresh tokens, stored as hashes; each is used once and replaced by the next of its family. */
export const refreshTokens = sqliteTable(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    sessionId: text('session_id').notNull(),
    createdAt: integer('created_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('refresh_tokens_session').on(t.sessionId)],
);

/** Workspaces of a tenant. */
export const workspaces = sqliteTable(
  'workspaces',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    name: text('name').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    archivedAt: integer('archived_at'),
    approvalsNeedPassword: integer('approvals_need_password', { mode: 'boolean' })
      .notNull()
      .default(false),
    annotationsNeedReview: integer('annotations_need_review', { mode: 'boolean' })
      .notNull()
      .default(false),
  },
  (t) => [index('workspaces_tenant').on(t.tenantId)],
);

/** A user's role (and capabilities, JSON array) in one workspace. */
export const memberships = sqliteTable(
  'memberships',
  {
    tenantId: text('tenant_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role').notNull(),
    capabilities: text('capabilities').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    index('memberships_tenant_user').on(t.tenantId, t.userId),
  ],
);

/** Single-use invitation links to a workspace, stored as token hashes. */
export const invitations = sqliteTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    role: text('role').notNull(),
    capabilities: text('capabilities').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    usedBy: text('used_by'),
  },
  (t) => [index('invitations_tenant_workspace').on(t.tenantId, t.workspaceId)],
);

/**
 * API keys `fb_<prefix>_<secret>`: the prefix finds the row, the secret is
 * kept only as an HMAC. Scope: one workspace or all, read or write, agent use.
 */
export const apiKeys = sqliteTable(
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
    agent: integer('agent', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at'),
    revokedAt: integer('revoked_at'),
    lastUsedAt: integer('last_used_at'),
  },
  (t) => [index('api_keys_tenant').on(t.tenantId)],
);

/** Single-use sync-socket tickets (≤ 60 s), stored as token hashes. */
export const syncTickets = sqliteTable('sync_tickets', {
  tokenHash: text('token_hash').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  /** JSON of the principal the ticket stands for. */
  principal: text('principal').notNull(),
  workspaceId: text('workspace_id').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});

/**
 * Single-use password-reset links an administrator issued for a user, stored
 * as token hashes. Issuing a new one ends the user's earlier ones.
 */
export const passwordResets = sqliteTable(
  'password_resets',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('password_resets_tenant_user').on(t.tenantId, t.userId)],
);
