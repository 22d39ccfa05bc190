import { describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import {
  NOW,
  invitation,
  membership,
  user,
  workspace,
  useTwoTenants,
  type IdentityStoreFactory,
} from './testing/identityContractKit';

/** The IdentityStore contract for invitations: accepted once, before expiry, in their tenant. */
export function runIdentityInvitationsContract(name: string, factory: IdentityStoreFactory): void {
  describe(`IdentityStore contract, invitations: ${name}`, () => {
    const t = useTwoTenants(factory);

    it('accepts an invitation once, only before it expires and only in its tenant', async () => {
      const { s, tA, tB, alice, bob } = t;
      const w = workspace(tA, alice.id);
      await s.createWorkspace(w, membership(w, alice.id, 'admin'));
      const inv = invitation(w, alice.id, 'inv1', 'contributor');
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
      const { s, tA, tB, alice } = t;
      const w = workspace(tA, alice.id);
      await s.createWorkspace(w, membership(w, alice.id, 'admin'));
      const live = { ...invitation(w, alice.id, 'p-live'), createdAt: NOW + 1 };
      const old = { ...invitation(w, alice.id, 'p-old'), expiresAt: NOW + 5 };
      const used = invitation(w, alice.id, 'p-used');
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
  });
}
