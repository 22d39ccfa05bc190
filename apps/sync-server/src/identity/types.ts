import type { Capability, Role } from '@fieldbook/shared';

/** An organization. */
export interface Tenant {
  id: string;
  name: string;
  createdAt: number;
}

/** `admin`: the tenant's administrator, admin of every workspace; `member`: roles per workspace only. */
export type TenantRole = 'admin' | 'member';

/** A person who signs in, without secrets. */
export interface User {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  tenantRole: TenantRole;
  createdAt: number;
}

/** A user with password hash and lockout state, for sign-in only. */
export interface UserRecord extends User {
  passwordHash: string;
  failedLogins: number;
  lockedUntil: number | null;
}

/** One sign-in: the family its refresh tokens belong to. */
export interface Session {
  id: string;
  tenantId: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  revokeReason: string | null;
}

/** A workspace's switches, changed by its admins (`workspace.update`) and audited. */
export interface WorkspaceSettings {
  /** Approving an annotation needs the approver's password again (a signing token, 21 CFR 11.200). */
  approvalsNeedPassword: boolean;
  /** A contributor's new annotation asks the members who may approve it for review (a notification). */
  annotationsNeedReview: boolean;
}

/** The names of the workspace settings. */
export const SETTINGS = ['approvalsNeedPassword', 'annotationsNeedReview'] as const satisfies Array<
  keyof WorkspaceSettings
>;

export interface Workspace extends WorkspaceSettings {
  id: string;
  tenantId: string;
  name: string;
  createdBy: string;
  createdAt: number;
  archivedAt: number | null;
}

export interface Membership {
  tenantId: string;
  workspaceId: string;
  userId: string;
  role: Role;
  capabilities: Capability[];
  createdAt: number;
  updatedAt: number;
}

/** A member as the member list shows them: who, and when they last signed in or renewed a session. */
export interface MemberListing extends Membership {
  email: string;
  name: string;
  /** Epoch ms of the latest sign-in or token refresh; null when they never signed in. */
  lastActiveAt: number | null;
}

export interface Invitation {
  id: string;
  tenantId: string;
  workspaceId: string;
  tokenHash: string;
  role: Role;
  capabilities: Capability[];
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  usedBy: string | null;
}

/** What an API key may do: `read` acts as a viewer, `write` as up to a reviewer (never above its creator). */
export type KeyAccess = 'read' | 'write';

/** An API key without its secret hash. */
export interface ApiKey {
  id: string;
  tenantId: string;
  prefix: string;
  name: string;
  createdBy: string;
  /** The one workspace the key reaches, or null for every workspace its creator reaches. */
  workspaceId: string | null;
  access: KeyAccess;
  /** May connect as an instrument agent. */
  agent: boolean;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export interface ApiKeyRecord extends ApiKey {
  secretHash: string;
}

/** Who a credential stands for, as kept in tickets and on sockets. */
export type PrincipalRef =
  { kind: 'user'; userId: string; sessionId: string } | { kind: 'apiKey'; keyId: string };

export interface SyncTicket {
  tokenHash: string;
  tenantId: string;
  principal: PrincipalRef;
  workspaceId: string;
  expiresAt: number;
  usedAt: number | null;
}

/** A page of a list, ascending by id, and the cursor of the next page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The outcome of presenting a refresh token. */
export type RotateResult =
  | { status: 'rotated'; session: Session }
  | { status: 'reused'; session: Session }
  | { status: 'inactive'; session: Session }
  | { status: 'unknown' };
