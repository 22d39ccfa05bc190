import { describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { NOW, useTwoTenants, type IdentityStoreFactory } from './testing/identityContractKit';

/** The IdentityStore contract for API keys, single-use sync tickets and pruning what expired. */
export function runIdentityCredentialsContract(name: string, factory: IdentityStoreFactory): void {
  describe(`IdentityStore contract, API keys and tickets: ${name}`, () => {
    const t = useTwoTenants(factory);

    it('finds keys by prefix, scopes the rest by tenant, and records last use in a batch', async () => {
      const { s, tA, tB, alice } = t;
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
      const { s, tA, alice } = t;
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
      const { s, tA, alice } = t;
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
