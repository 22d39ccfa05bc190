import type {
  ApiKey,
  MemberListing,
  ApiKeyRecord,
  Invitation,
  Membership,
  Page,
  RotateResult,
  Session,
  SyncTicket,
  Tenant,
  User,
  UserRecord,
  Workspace,
  WorkspaceSettings,
} from './types';
import type { PasswordStore } from './passwordStore';

/**
 * Storage of tenants, users, sessions, workspaces, memberships, invitations,
 * API keys and sync tickets. Every row carries its tenant and every read or
 * write taking a `tenantId` is scoped by it; the only unscoped lookups are the
 * ones a credential starts from (e-mail at sign-in, key prefix, token hashes),
 * and they return the tenant. Operations that must be atomic (token rotation,
 * single-use tickets and invitations) are single methods. SQLite implements it
 * now; PostgreSQL will run the same contract suite.
 */
export interface IdentityStore extends PasswordStore {
  /** Creates a tenant and its first (admin) user in one transaction; CONFLICT when the e-mail is taken. */
  createTenant(tenant: Tenant, admin: UserRecord): Promise<void>;
  getTenant(tenantId: string): Promise<Tenant | null>;

  /** Sign-in lookup by e-mail (lower-cased), across tenants. */
  findUserByEmail(email: string): Promise<UserRecord | null>;
  getUser(tenantId: string, userId: string): Promise<User | null>;
  /** Stores the failure counter and lock of a user. */
  setLoginState(
    tenantId: string,
    userId: string,
    failedLogins: number,
    lockedUntil: number | null,
  ): Promise<void>;

  /** Starts a session with its first refresh token hash. */
  createSession(session: Session, refreshTokenHash: string): Promise<void>;
  getSession(tenantId: string, sessionId: string): Promise<Session | null>;
  /**
   * Atomically presents a refresh token: an unused token of a live session is
   * marked used and `nextHash` becomes the family's new token (`rotated`); a
   * used one is `reused` (nothing changes here; the caller revokes the family).
   */
  rotateRefreshToken(tokenHash: string, nextHash: string, now: number): Promise<RotateResult>;
  /** Revokes a session (idempotent); false when no such session in the tenant. */
  revokeSession(tenantId: string, sessionId: string, reason: string, now: number): Promise<boolean>;

  /** Creates a workspace and its creator's admin membership together. */
  createWorkspace(workspace: Workspace, creator: Membership): Promise<void>;
  getWorkspace(tenantId: string, workspaceId: string): Promise<Workspace | null>;
  /** Workspaces of the tenant, or only those `memberOf` belongs to; archived ones only when asked. */
  listWorkspaces(
    tenantId: string,
    options: {
      memberOf: string | null;
      includeArchived: boolean;
      cursor: string | null;
      limit: number;
    },
  ): Promise<Page<Workspace>>;
  updateWorkspace(
    tenantId: string,
    workspaceId: string,
    patch: { name?: string; archivedAt?: number | null } & Partial<WorkspaceSettings>,
  ): Promise<Workspace | null>;

  getMembership(tenantId: string, workspaceId: string, userId: string): Promise<Membership | null>;
  listMembers(
    tenantId: string,
    workspaceId: string,
    cursor: string | null,
    limit: number,
  ): Promise<Page<MemberListing>>;
  /** Adds or replaces a membership; returns the previous one. */
  putMembership(membership: Membership): Promise<Membership | null>;
  /** Removes a membership; returns it, or null when there was none. */
  deleteMembership(
    tenantId: string,
    workspaceId: string,
    userId: string,
  ): Promise<Membership | null>;

  /** How many members of the workspace hold the admin role. */
  countAdmins(tenantId: string, workspaceId: string): Promise<number>;

  createInvitation(invitation: Invitation): Promise<void>;
  /** The live (unused, unexpired at `now`) invitation of a token hash, across tenants; else null. */
  findInvitation(tokenHash: string, now: number): Promise<Invitation | null>;
  /** The workspace's invitations still waiting: unused and not expired at `now`, newest first. */
  listPendingInvitations(tenantId: string, workspaceId: string, now: number): Promise<Invitation[]>;
  /**
   * Ends a pending invitation of the workspace at `now` (its link stops working); null when
   * there is no such invitation still pending.
   */
  revokeInvitation(
    tenantId: string,
    workspaceId: string,
    invitationId: string,
    now: number,
  ): Promise<Invitation | null>;
  /**
   * Atomically accepts a live invitation: creates `newUser` when given (in
   * the invitation's tenant, whatever its `tenantId` says),
   * marks the invitation used by `userId` and adds the membership. Null when
   * the token is unknown, used, expired or of another tenant than
   * `tenantId` (when given); nothing changes then.
   */
  acceptInvitation(
    tokenHash: string,
    accept: { userId: string; newUser: UserRecord | null; tenantId: string | null; now: number },
  ): Promise<Invitation | null>;

  createApiKey(key: ApiKeyRecord): Promise<void>;
  /** Credential lookup by prefix, across tenants. */
  findApiKeyByPrefix(prefix: string): Promise<ApiKeyRecord | null>;
  getApiKey(tenantId: string, keyId: string): Promise<ApiKey | null>;
  listApiKeys(tenantId: string, cursor: string | null, limit: number): Promise<Page<ApiKey>>;
  /** Revokes a key (idempotent); null when no such key in the tenant. */
  revokeApiKey(tenantId: string, keyId: string, now: number): Promise<ApiKey | null>;
  /** Records last-used times in one batch. */
  touchApiKeys(uses: readonly { tenantId: string; keyId: string; at: number }[]): Promise<void>;

  createSyncTicket(ticket: SyncTicket): Promise<void>;
  /** Atomically uses a live ticket; null when unknown, used or expired. */
  consumeSyncTicket(tokenHash: string, now: number): Promise<SyncTicket | null>;

  /**
   * Deletes what can no longer be used: tickets past their expiry, and the
   * refresh tokens of sessions that ended before `before` (the session rows
   * stay as a record). Returns how many rows went.
   */
  pruneExpired(before: number): Promise<number>;
}
