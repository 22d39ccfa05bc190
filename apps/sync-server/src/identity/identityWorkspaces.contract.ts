import { describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import {
  NOW,
  membership,
  user,
  workspace,
  useTwoTenants,
  type IdentityStoreFactory,
} from './testing/identityContractKit';

/** The IdentityStore contract for workspaces, their settings and members, kept in their tenant. */
export function runIdentityWorkspacesContract(name: string, factory: IdentityStoreFactory): void {
  describe(`IdentityStore contract, workspaces and members: ${name}`, () => {
    const t = useTwoTenants(factory);

    it('keeps workspaces and memberships inside their tenant', async () => {
      const { s, tA, tB, alice } = t;
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
      const { s, tA, tB, alice } = t;
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

    it('lists members with their last activity: newest sign-in or token refresh', async () => {
      const { s, tA, alice } = t;
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
  });
}
