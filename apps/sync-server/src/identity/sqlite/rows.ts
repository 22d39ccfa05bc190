import type { Capability, Role } from '@fieldbook/shared';
import type {
  ApiKey,
  ApiKeyRecord,
  Invitation,
  Membership,
  PrincipalRef,
  Session,
  SyncTicket,
  UserRecord,
  Workspace,
} from '../types';
import type {
  apiKeys,
  invitations,
  memberships,
  sessions,
  syncTickets,
  users,
  workspaces,
} from './schema';

/** Row ↔ domain conversions of the SQLite identity store. */

export const toUserRecord = (r: typeof users.$inferSelect): UserRecord => ({
  id: r.id,
  tenantId: r.tenantId,
  email: r.email,
  name: r.name,
  tenantRole: r.tenantRole as UserRecord['tenantRole'],
  createdAt: r.createdAt,
  passwordHash: r.passwordHash,
  failedLogins: r.failedLogins,
  lockedUntil: r.lockedUntil,
});

export const toSession = (r: typeof sessions.$inferSelect): Session => ({ ...r });

export const toWorkspace = (r: typeof workspaces.$inferSelect): Workspace => ({ ...r });

export const toMembership = (r: typeof memberships.$inferSelect): Membership => ({
  ...r,
  role: r.role as Role,
  capabilities: JSON.parse(r.capabilities) as Capability[],
});

export const fromMembership = (m: Membership): typeof memberships.$inferInsert => ({
  ...m,
  capabilities: JSON.stringify(m.capabilities),
});

export const toInvitation = (r: typeof invitations.$inferSelect): Invitation => ({
  ...r,
  role: r.role as Role,
  capabilities: JSON.parse(r.capabilities) as Capability[],
});

export const toApiKeyRecord = (r: typeof apiKeys.$inferSelect): ApiKeyRecord => ({
  ...r,
  access: r.access as ApiKey['access'],
});

/** An API key row without its secret hash. */
export function toApiKey(r: typeof apiKeys.$inferSelect): ApiKey {
  const { secretHash: _secretHash, ...key } = toApiKeyRecord(r);
  return key;
}

export const toTicket = (r: typeof syncTickets.$inferSelect): SyncTicket => ({
  ...r,
  principal: JSON.parse(r.principal) as PrincipalRef,
});
