import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFieldbookError, newId } from '@fieldbook/shared';
import type { IdentityStore } from './identityStore';
import type { Membership, UserRecord, Workspace } from './types';

/** Opens a fresh, empty store per test. */
export interface IdentityStoreFactory {
  open(): Promise<{ store: IdentityStore; close(): Promise<void> }>;
}

const NOW = 1_700_000_000_000;

function user(
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
const workspace = (tenantId: string, createdBy: string, name = 'W'): Workspace => ({
  id: newId(),
  tenantId,
  name,
  createdBy,
  createdAt: NOW,
  archivedAt: null,
  approvalsNeedPassword: false,
  annotationsNeedReview: false,
});
const membership = (w: Workspace, userId: string, role: Membership['role']): Membership => ({
  tenantId: w.tenantId,
  workspaceId: w.id,
  userId,
  role,
  capabilities: [],
  createdAt: NOW,
  updatedAt: NOW,
});

/** The behaviour every IdentityStore implementation must show, tenant scoping above all. */
export function runIdentityStoreContract(name: string, factory: IdentityStoreFactory): void {
  describe(`IdentityStore contract: ${name}`, () => {
    let s: IdentityStore;
    let close: () => Promise<void>;
    let tA: string;
    let tB: string;
    let alice: UserRecord;
    let bob: UserRecord;

    beforeEach(async () => {
      ({ store: s, close } = await factory.open());
      tA = newId();
      tB = newId();
      alice = user(tA, `alice-${tA}@a.org`, 'admin');
      bob = user(tB, `bob-${tB}@b.org`, 'admin');
      await s.createTenant({ id: tA, name: 'A', createdAt: NOW }, alice);
      await s.createTenant({ id: tB, name: 'B', createdAt: NOW }, bob);
    });
    afterEach(() => close());

    it('refuses a second account with the same e-mail and finds users only in their tenant', async () => {
      const err = await s
        .createTenant({ id: newId(), name: 'C', createdAt: NOW }, { ...user(newId(), alice.email) })
        .catch((e) => e);
      expect(isFieldbookError(err, 'CONFLICT')).toBe(true);
      expect((await s.findUserByEmail(alice.email.toUpperCase()))?.id).toBe(alice.id);
      expect(await s.getUser(tA, alice.id)).toMatchObject({ id: alice.id, email: alice.email });
      expect(await s.getUser(tB, alice.id)).toBeNull();
      expect(await s.getUser(tA, alice.id)).not.toHaveProperty('passwordHash');
      await s.setLoginState(tB, alice.id, 4, NOW);
      expect((await s.findUserByEmail(alice.email))?.failedLogins).toBe(0);
      await s.setLoginState(tA, alice.id, 4, NOW);
      expect(await s.findUserByEmail(alice.email)).toMatchObject({
        failedLogins: 4,
        lockedUntil: NOW,
      });
    });

    it('rotates refresh tokens once, reports reuse, and stops at a revoked session', async () => {
      const session = {
        id: newId(),
        tenantId: tA,
        userId: alice.id,
        createdAt: NOW,
        expiresAt: NOW + 1e6,
        revokedAt: null,
        revokeReason: null,
      };
      await s.createSession(session, 'h1');
      expect((await s.rotateRefreshToken('h1', 'h2', NOW + 1)).status).toBe('rotated');
      expect((await s.rotateRefreshToken('h1', 'h3', NOW + 2)).status).toBe('reused');
      expect((await s.rotateRefreshToken('nope', 'h4', NOW + 2)).status).toBe('unknown');
      expect(await s.revokeSession(tB, session.id, 'x', NOW + 3)).toBe(false);
      expect((await s.getSession(tA, session.id))?.revokedAt).toBeNull();
      expect(await s.revokeSession(tA, session.id, 'logout', NOW + 3)).toBe(true);
      expect(await s.getSession(tA, session.id)).toMatchObject({
        revokedAt: NOW + 3,
        revokeReason: 'logout',
      });
      expect((await s.rotateRefreshToken('h2', 'h5', NOW + 4)).status).toBe('inactive');
      expect(await s.getSession(tB, session.id)).toBeNull();
    });

    it('keeps workspaces and memberships inside their tenant', async () => {
      const w1 = workspace(tA, alice.id, 'one');
      const w2 = workspace(tA, alice.id, 'two');
      await s.createWorkspace(w1, membership(w1, alice.id, 'admin'));
      await s.createWorkspace(w2, membership(w2, alice.id, 'admin'));
      expect(await s.getWorkspace(tB, w1.id)).toBeNull();
      expect(await s.updateWorkspace(tB, w1.id, { name: 'stolen' })).toBeNull();
      expect((await s.getWorkspace(tA, w1.id))?.name).toBe('one');
      expect(
        (
          await s.listWorkspaces(tB, {
            memberOf: null,
            includeArchived: true,
            cursor: null,
            limit: 10,
          })
        ).items,
      ).toEqual([]);

      const carol = user(tA, `carol-${tA}@a.org`);
      await s.createTenant(
        { id: newId(), name: 'tmp', createdAt: NOW },
        user(newId(), `x-${tA}@x.org`),
      );
      expect(await s.putMembership(membership(w1, carol.id, 'viewer'))).toBeNull();
      expect((await s.putMembership(membership(w1, carol.id, 'reviewer')))?.role).toBe('viewer');
      expect((await s.getMembership(tA, w1.id, carol.id))?.role).toBe('reviewer');
      expect(await s.getMembership(tB, w1.id, carol.id)).toBeNull();
      expect(await s.deleteMembership(tB, w1.id, carol.id)).toBeNull();
      expect((await s.deleteMembership(tA, w1.id, carol.id))?.role).toBe('reviewer');

      const mine = await s.listWorkspaces(tA, {
        memberOf: alice.id,
        includeArchived: false,
        cursor: null,
        limit: 1,
      });
      expect(mine.items.map((w) => w.id)).toEqual([w1.id]);
      const next = await s.listWorkspaces(tA, {
        memberOf: alice.id,
        includeArchived: false,
        cursor: mine.nextCursor,
        limit: 1,
      });
      expect(next.items.map((w) => w.id)).toEqual([w2.id]);
      await s.updateWorkspace(tA, w2.id, { archivedAt: NOW });
      const live = await s.listWorkspaces(tA, {
        memberOf: null,
        includeArchived: false,
        cursor: null,
        limit: 10,
      });
      expect(live.items.map((w) => w.id)).toEqual([w1.id]);
      const members = await s.listMembers(tA, w1.id, null, 10);
      expect(members.items).toEqual([
        expect.objectContaining({ userId: alice.id, email: alice.email, role: 'admin' }),
      ]);
      expect((await s.listMembers(tB, w1.id, null, 10)).items).toEqual([]);
    });

    it('keeps each workspace setting apart, off until an admin turns it on', async () => {
      const w = workspace(tA, alice.id);
      await s.createWorkspace(w, membership(w, alice.id, 'admin'));
      expect(await s.updateWorkspace(tB, w.id, { annotationsNeedReview: true })).toBeNull();
      const on = await s.updateWorkspace(tA, w.id, { annotationsNeedReview: true });
      expect(on).toMatchObject({ annotationsNeedReview: true, approvalsNeedPassword: false });
      await s.updateWorkspace(tA, w.id, { approvalsNeedPassword: true });
      expect(await s.getWorkspace(tA, w.id)).toMatchObject({
        annotationsNeedReview: true,
        approvalsNeedPassword: true,
      });
    });

    it('accepts an invitation once, only before it expires and only in its tenant', async () => {
      const w = workspace(tA, alice.id);
      await s.createWorkspace(w, membership(w, alice.id, 'admin'));
      const inv = {
        id: newId(),
        tenantId: tA,
        workspaceId: w.id,
        tokenHash: 'inv1',
        role: 'contributor' as const,
        capabilities: [],
        createdBy: alice.id,
        createdAt: NOW,
        expiresAt: NOW + 1000,
        usedAt: null,
        usedBy: null,
      };
      await s.createInvitation(inv);
      await s.createInvitation({ ...inv, id: newId(), tokenHash: 'inv2' });
      expect((await s.findInvitation('inv1', NOW))?.workspaceId).toBe(w.id);
      expect(await s.findInvitation('inv2', NOW + 1000)).toBeNull();
      expect(
        await s.acceptInvitation('inv1', { userId: bob.id, newUser: null, tenantId: tB, now: NOW }),
      ).toBeNull();
      const dave = user('ignored', `dave-${tA}@a.org`);
      const accepted = await s.acceptInvitation('inv1', {
        userId: dave.id,
        newUser: dave,
        tenantId: null,
        now: NOW + 1,
      });
      expect(accepted).toMatchObject({ usedBy: dave.id, usedAt: NOW + 1 });
      expect((await s.getUser(tA, dave.id))?.tenantId).toBe(tA);
      expect((await s.getMembership(tA, w.id, dave.id))?.role).toBe('contributor');
      expect(await s.findInvitation('inv1', NOW + 1)).toBeNull();
      expect(await s.countAdmins(tA, w.id)).toBe(1);
      expect(await s.countAdmins(tB, w.id)).toBe(0);
      expect(
        await s.acceptInvitation('inv1', {
          userId: alice.id,
          newUser: null,
          tenantId: tA,
          now: NOW + 2,
        }),
      ).toBeNull();
      expect(
        await s.acceptInvitation('inv2', {
          userId: alice.id,
          newUser: null,
          tenantId: tA,
          now: NOW + 1000,
        }),
      ).toBeNull();
    });

    it('lists pending invitations of a workspace and revokes them, only in their tenant', async () => {
      const w = workspace(tA, alice.id);
      await s.createWorkspace(w, membership(w, alice.id, 'admin'));
      const base = {
        tenantId: tA,
        workspaceId: w.id,
        role: 'viewer' as const,
        capabilities: [],
        createdBy: alice.id,
        createdAt: NOW,
        expiresAt: NOW + 1000,
        usedAt: null,
        usedBy: null,
      };
      const live = { ...base, id: newId(), tokenHash: 'p-live', createdAt: NOW + 1 };
      const old = { ...base, id: newId(), tokenHash: 'p-old', expiresAt: NOW + 5 };
      const used = { ...base, id: newId(), tokenHash: 'p-used' };
      for (const inv of [live, old, used]) await s.createInvitation(inv);
      const carol = user(tA, `carol-${tA}@a.org`);
      await s.acceptInvitation('p-used', {
        userId: carol.id,
        newUser: carol,
        tenantId: null,
        now: NOW,
      });
      expect((await s.listPendingInvitations(tA, w.id, NOW)).map((i) => i.id)).toEqual([
        live.id,
        old.id,
      ]);
      expect((await s.listPendingInvitations(tA, w.id, NOW + 5)).map((i) => i.id)).toEqual([
        live.id,
      ]);
      expect(await s.listPendingInvitations(tB, w.id, NOW)).toEqual([]);
      expect(await s.revokeInvitation(tB, w.id, live.id, NOW)).toBeNull();
      expect(await s.revokeInvitation(tA, w.id, live.id, NOW + 2)).toMatchObject({ id: live.id });
      expect(await s.revokeInvitation(tA, w.id, live.id, NOW + 3)).toBeNull();
      expect(
        await s.acceptInvitation('p-live', {
          userId: alice.id,
          newUser: null,
          tenantId: tA,
          now: NOW + 3,
        }),
      ).toBeNull();
    });

    it('lists members with their last activity: newest sign-in or token refresh', async () => {
      const w = workspace(tA, alice.id);
      await s.createWorkspace(w, membership(w, alice.id, 'admin'));
      const lastActive = async () =>
        (await s.listMembers(tA, w.id, null, 10)).items.map((m) => m.lastActiveAt);
      expect(await lastActive()).toEqual([null]);
      const session = (createdAt: number) => ({
        id: newId(),
        tenantId: tA,
        userId: alice.id,
        createdAt,
        expiresAt: NOW + 1e6,
        revokedAt: null,
        revokeReason: null,
      });
      await s.createSession(session(NOW + 10), 'la-1');
      expect(await lastActive()).toEqual([NOW + 10]);
      await s.rotateRefreshToken('la-1', 'la-2', NOW + 50);
      await s.createSession(session(NOW + 20), 'la-3');
      expect(await lastActive()).toEqual([NOW + 50]);
    });

    it('finds keys by prefix, scopes the rest by tenant, and records last use in a batch', async () => {
      const key = {
        id: newId(),
        tenantId: tA,
        prefix: 'abcd1234',
        secretHash: 'ff',
        name: 'ci',
        createdBy: alice.id,
        workspaceId: null,
        access: 'read' as const,
        agent: false,
        createdAt: NOW,
        expiresAt: null,
        revokedAt: null,
        lastUsedAt: null,
      };
      await s.createApiKey(key);
      expect((await s.findApiKeyByPrefix('abcd1234'))?.secretHash).toBe('ff');
      expect(await s.getApiKey(tB, key.id)).toBeNull();
      expect(await s.getApiKey(tA, key.id)).not.toHaveProperty('secretHash');
      expect(await s.revokeApiKey(tB, key.id, NOW)).toBeNull();
      expect((await s.listApiKeys(tB, null, 10)).items).toEqual([]);
      await s.touchApiKeys([
        { tenantId: tB, keyId: key.id, at: NOW + 5 },
        { tenantId: tA, keyId: key.id, at: NOW + 9 },
      ]);
      expect((await s.getApiKey(tA, key.id))?.lastUsedAt).toBe(NOW + 9);
      expect((await s.revokeApiKey(tA, key.id, NOW + 10))?.revokedAt).toBe(NOW + 10);
      expect((await s.revokeApiKey(tA, key.id, NOW + 20))?.revokedAt).toBe(NOW + 10);
    });

    it('uses a sync ticket once and never after it expires', async () => {
      const ticket = {
        tokenHash: 't1',
        tenantId: tA,
        principal: { kind: 'user' as const, userId: alice.id, sessionId: 's' },
        workspaceId: 'w',
        expiresAt: NOW + 60_000,
        usedAt: null,
      };
      await s.createSyncTicket(ticket);
      await s.createSyncTicket({ ...ticket, tokenHash: 't2' });
      expect(await s.consumeSyncTicket('t1', NOW)).toMatchObject({
        principal: ticket.principal,
        usedAt: NOW,
      });
      expect(await s.consumeSyncTicket('t1', NOW + 1)).toBeNull();
      expect(await s.consumeSyncTicket('t2', NOW + 60_000)).toBeNull();
    });

    it('prunes expired tickets and the refresh tokens of ended sessions, nothing live', async () => {
      const principal = { kind: 'user' as const, userId: alice.id, sessionId: 's' };
      await s.createSyncTicket({
        tokenHash: 'old',
        tenantId: tA,
        principal,
        workspaceId: 'w',
        expiresAt: NOW,
        usedAt: null,
      });
      await s.createSyncTicket({
        tokenHash: 'new',
        tenantId: tA,
        principal,
        workspaceId: 'w',
        expiresAt: NOW + 120_000,
        usedAt: null,
      });
      const session = (id: string, expiresAt: number) => ({
        id,
        tenantId: tA,
        userId: alice.id,
        createdAt: NOW,
        expiresAt,
        revokedAt: null,
        revokeReason: null,
      });
      const [ended, live, revoked] = [newId(), newId(), newId()];
      await s.createSession(session(ended, NOW + 10), 'r-ended');
      await s.createSession(session(live, NOW + 1e9), 'r-live');
      await s.createSession(session(revoked, NOW + 1e9), 'r-revoked');
      await s.revokeSession(tA, revoked, 'logout', NOW + 20);
      expect(await s.pruneExpired(NOW + 60_000)).toBe(3);
      expect(await s.consumeSyncTicket('new', NOW + 60_001)).not.toBeNull();
      expect((await s.rotateRefreshToken('r-live', 'r-live-2', NOW + 60_001)).status).toBe(
        'rotated',
      );
      expect((await s.rotateRefreshToken('r-ended', 'x', NOW + 60_001)).status).toBe('unknown');
      expect(await s.getSession(tA, ended)).not.toBeNull();
    });
  });
}
