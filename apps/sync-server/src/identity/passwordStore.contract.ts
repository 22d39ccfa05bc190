import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import type { IdentityStore } from './identityStore';
import type { IdentityStoreFactory } from './testing/identityContractKit';
import type { PasswordReset } from './passwordStore';
import type { Session, UserRecord } from './types';

const NOW = 1_700_000_000_000;

/** The behaviour every PasswordStore implementation must show (on an identity store holding users). */
export function runPasswordStoreContract(name: string, factory: IdentityStoreFactory): void {
  describe(`PasswordStore contract: ${name}`, () => {
    let s: IdentityStore;
    let close: () => Promise<void>;
    let tenantId: string;
    let ada: UserRecord;

    const session = async (userId: string, expiresAt = NOW + 10_000): Promise<Session> => {
      const made: Session = {
        id: newId(),
        tenantId,
        userId,
        createdAt: NOW,
        expiresAt,
        revokedAt: null,
        revokeReason: null,
      };
      await s.createSession(made, `refresh-${made.id}`);
      return made;
    };
    const reset = (tokenHash: string, createdAt = NOW): PasswordReset => ({
      id: newId(),
      tenantId,
      userId: ada.id,
      tokenHash,
      createdBy: 'admin',
      createdAt,
      expiresAt: createdAt + 1000,
      usedAt: null,
    });

    beforeEach(async () => {
      ({ store: s, close } = await factory.open());
      tenantId = newId();
      ada = {
        id: newId(),
        tenantId,
        email: `ada-${tenantId}@a.org`,
        name: 'Ada',
        tenantRole: 'admin',
        createdAt: NOW,
        passwordHash: 'old',
        failedLogins: 3,
        lockedUntil: NOW + 5000,
      };
      await s.createTenant({ id: tenantId, name: 'A', createdAt: NOW }, ada);
    });
    afterEach(() => close());

    it('changes a password, clears the lockout and ends every other live session', async () => {
      const kept = await session(ada.id);
      const other = await session(ada.id);
      const ended = await session(ada.id, NOW - 1);
      const revoked = await s.changePassword(tenantId, ada.id, 'new', {
        keepSessionId: kept.id,
        reason: 'password changed',
        now: NOW,
      });
      expect(revoked).toEqual([other.id]);
      expect((await s.getSession(tenantId, other.id))?.revokeReason).toBe('password changed');
      expect((await s.getSession(tenantId, kept.id))?.revokedAt).toBeNull();
      expect((await s.getSession(tenantId, ended.id))?.revokedAt).toBeNull();
      expect(await s.findUserByEmail(ada.email)).toMatchObject({
        passwordHash: 'new',
        failedLogins: 0,
        lockedUntil: null,
      });
      expect(
        await s.changePassword(newId(), ada.id, 'x', {
          keepSessionId: null,
          reason: 'r',
          now: NOW,
        }),
      ).toBeNull();
      expect((await s.findUserByEmail(ada.email))?.passwordHash).toBe('new');
    });

    it('uses a reset link once, before it expires, ending every session of the user', async () => {
      const live = await session(ada.id);
      await s.createPasswordReset(reset('r1'));
      expect((await s.findPasswordReset('r1', NOW))?.userId).toBe(ada.id);
      expect(await s.findPasswordReset('r1', NOW + 1000)).toBeNull();
      expect(await s.usePasswordReset('r1', 'late', NOW + 1000)).toBeNull();
      const used = await s.usePasswordReset('r1', 'reset', NOW + 1);
      expect(used?.reset).toMatchObject({ userId: ada.id, usedAt: NOW + 1 });
      expect(used?.revokedSessions).toEqual([live.id]);
      expect(await s.findUserByEmail(ada.email)).toMatchObject({
        passwordHash: 'reset',
        lockedUntil: null,
      });
      expect(await s.usePasswordReset('r1', 'again', NOW + 2)).toBeNull();
      expect(await s.findPasswordReset('r1', NOW + 2)).toBeNull();
      expect((await s.findUserByEmail(ada.email))?.passwordHash).toBe('reset');
    });

    it('ends the earlier links of a user when a new one is issued', async () => {
      await s.createPasswordReset(reset('first'));
      await s.createPasswordReset(reset('second', NOW + 10));
      expect(await s.findPasswordReset('first', NOW + 10)).toBeNull();
      expect(await s.usePasswordReset('first', 'x', NOW + 10)).toBeNull();
      expect((await s.findPasswordReset('second', NOW + 10))?.userId).toBe(ada.id);
    });
  });
}
