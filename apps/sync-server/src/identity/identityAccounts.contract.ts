import { describe, expect, it } from 'vitest';
import { isFieldbookError, newId } from '@fieldbook/shared';
import { NOW, user, useTwoTenants, type IdentityStoreFactory } from './testing/identityContractKit';

/** The IdentityStore contract for users (unique e-mail, kept in their tenant) and sessions. */
export function runIdentityAccountsContract(name: string, factory: IdentityStoreFactory): void {
  describe(`IdentityStore contract, accounts and sessions: ${name}`, () => {
    const t = useTwoTenants(factory);

    it('refuses a second account with the same e-mail and finds users only in their tenant', async () => {
      const { s, tA, tB, alice } = t;
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
      const { s, tA, tB, alice } = t;
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
  });
}
