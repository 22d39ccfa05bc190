import { afterEach, beforeEach } from 'vitest';
import { newId } from '@fieldbook/shared';
import type { IdentityStore } from '../identityStore';
import type { Invitation, Membership, UserRecord, Workspace } from '../types';

/** Opens a fresh, empty store per test. */
export interface IdentityStoreFactory {
  open(): Promise<{ store: IdentityStore; close(): Promise<void> }>;
}

/** The clock of the identity contract suites. */
export const NOW = 1_700_000_000_000;

/** A user record of `tenantId` with a placeholder password hash and no failed sign-ins. */
export function user(
  tenantId: string,
  email: string,
  tenantRole: 'admin' | 'member' = 'member',
): UserRecord {
  return {
    id: newId(),
    tenantId,
    email,
    name: email,
    tenantRole,
    createdAt: NOW,
    passwordHash: 'h',
    failedLogins: 0,
    lockedUntil: null,
  };
}

/** A pending invitation to `w` as `role`, made by `createdBy` at NOW and valid for a second. */
export function invitation(
  w: Workspace,
  createdBy: string,
  tokenHash: string,
  role: Invitation['role'] = 'viewer',
): Invitation {
  return {
    id: newId(),
    tenantId: w.tenantId,
    workspaceId: w.id,
    tokenHash,
    role,
    capabilities: [],
    createdBy,
    createdAt: NOW,
    expiresAt: NOW + 1000,
    usedAt: null,
    usedBy: null,
  };
}

/** A live workspace of `tenantId` with every setting off. */
export const workspace = (tenantId: string, createdBy: string, name = 'W'): Workspace => ({
  id: newId(),
  tenantId,
  name,
  createdBy,
  createdAt: NOW,
  archivedAt: null,
  approvalsNeedPassword: false,
  annotationsNeedReview: false,
});

/** A membership of `userId` in `w` with `role` and no capabilities. */
export const membership = (w: Workspace, userId: string, role: Membership['role']): Membership => ({
  tenantId: w.tenantId,
  workspaceId: w.id,
  userId,
  role,
  capabilities: [],
  createdAt: NOW,
  updatedAt: NOW,
});

/** A fresh store holding tenant A (admin alice) and tenant B (admin bob). */
export interface TwoTenants {
  s: IdentityStore;
  tA: string;
  tB: string;
  alice: UserRecord;
  bob: UserRecord;
}

/**
 * Registers, in the calling `describe`, hooks that give each test a fresh
 * store with two tenants and close it afterwards; read the fields inside a test.
 */
export function useTwoTenants(factory: IdentityStoreFactory): TwoTenants {
  const t = {} as TwoTenants;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store: t.s, close } = await factory.open());
    t.tA = newId();
    t.tB = newId();
    t.alice = user(t.tA, `alice-${t.tA}@a.org`, 'admin');
    t.bob = user(t.tB, `bob-${t.tB}@b.org`, 'admin');
    await t.s.createTenant({ id: t.tA, name: 'A', createdAt: NOW }, t.alice);
    await t.s.createTenant({ id: t.tB, name: 'B', createdAt: NOW }, t.bob);
  });
  afterEach(() => close());
  return t;
}
