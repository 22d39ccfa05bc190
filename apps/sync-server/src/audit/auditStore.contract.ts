import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { AuditLog } from './auditLog';
import { derivedSigner } from './checkpointSigner';
import { signCheckpoint } from './checkpoints';
import { testKey, testKeyRing } from './testing/keys';
import type { AuditStore } from './auditStore';
import type { AuditInput } from './types';

/** Opens a fresh store per test, plus a way to run raw SQL against its tables (for tampering). */
export interface AuditStoreFactory {
  open(): Promise<{ store: AuditStore; exec(sql: string): Promise<void>; close(): Promise<void> }>;
}

const input = (action: string, extra: Partial<AuditInput> = {}): AuditInput => ({
  actor: { type: 'user', id: 'u1', label: 'u1@example.org' },
  action,
  outcome: 'success',
  resource: { type: 'workspace', id: 'w1' },
  ...extra,
});

/**
 * The behaviour every AuditStore implementation must show: chained appends
 * per tenant, scoped queries, and tampering found by verification.
 */
export function runAuditStoreContract(name: string, factory: AuditStoreFactory): void {
  describe(`AuditStore contract: ${name}`, () => {
    let opened: Awaited<ReturnType<AuditStoreFactory['open']>>;
    let log: AuditLog;
    let tenant: string;
    let clock = 1_700_000_000_000;

    beforeEach(async () => {
      opened = await factory.open();
      log = new AuditLog(opened.store, testKeyRing(), () => (clock += 1000));
      tenant = newId();
    });
    afterEach(() => opened.close());

    async function seed(n: number): Promise<void> {
      for (let i = 1; i <= n; i++)
        await log.record(tenant, input('member.add', { summary: { i } }));
    }

    it('chains entries per tenant from seq 1, each linking to the one before', async () => {
      const other = newId();
      const [a] = await log.recordMany(tenant, [input('auth.login')]);
      const [b, c] = await log.recordMany(tenant, [input('member.add'), input('member.role')]);
      const [x] = await log.recordMany(other, [input('auth.login')]);
      expect([a!.seq, b!.seq, c!.seq, x!.seq]).toEqual([1, 2, 3, 1]);
      expect(b!.prevHash).toBe(a!.hash);
      expect(c!.prevHash).toBe(b!.hash);
      expect(await opened.store.head(tenant)).toEqual({ seq: 3, hash: c!.hash });
      expect(await log.verify(tenant)).toMatchObject({ ok: true, checked: 3, headSeq: 3 });
      expect(await log.verify(other)).toMatchObject({ ok: true, checked: 1, headSeq: 1 });
    });

    it('filters and pages newest first, never across tenants', async () => {
      await seed(5);
      await log.record(tenant, input('auth.login', { outcome: 'failure', workspaceId: 'w9' }));
      await log.record(newId(), input('member.add'));
      const first = await log.list(tenant, { action: 'member.add' }, null, 2);
      expect(first.entries.map((e) => e.seq)).toEqual([5, 4]);
      const second = await log.list(tenant, { action: 'member.add' }, first.nextCursor, 10);
      expect(second.entries.map((e) => e.seq)).toEqual([3, 2, 1]);
      expect(second.nextCursor).toBeNull();
      expect(
        (await log.list(tenant, { outcome: 'failure' }, null, 10)).entries.map((e) => e.seq),
      ).toEqual([6]);
      expect((await log.list(tenant, { workspaceId: 'w9' }, null, 10)).entries).toHaveLength(1);
      const all = await log.exportEntries(tenant, {});
      expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(all.every((e) => e.tenantId === tenant)).toBe(true);
    });

    it('seals each entry with the key it is handed and reports every tenant head', async () => {
      const [a] = await log.recordMany(tenant, [input('auth.login')]);
      expect(a!.keyId).toBe(testKey().id);
      const other = newId();
      const rotated = new AuditLog(opened.store, testKeyRing(), () => (clock += 1000));
      await rotated.record(other, input('auth.login'));
      const heads = await opened.store.heads();
      expect(heads.filter((h) => h.tenantId === tenant)).toEqual([
        { tenantId: tenant, seq: 1, hash: a!.hash, keyed: true },
      ]);
      expect(heads.map((h) => h.tenantId)).toContain(other);
      await opened.exec(`UPDATE audit_entries SET key_id = NULL WHERE tenant_id = '${tenant}'`);
      expect((await opened.store.heads()).find((h) => h.tenantId === tenant)?.keyed).toBe(false);
    });

    it('keeps signed checkpoints per tenant, newest first, paged', async () => {
      await seed(3);
      const signer = derivedSigner('contract-secret-contract-secret-0123456789');
      const head = (await opened.store.head(tenant))!;
      const made = [1, 2, 3].map((seq) => signCheckpoint(tenant, seq, head, clock + seq, signer));
      for (const cp of made) await opened.store.addCheckpoint(cp);
      await opened.store.addCheckpoint(signCheckpoint(newId(), 1, head, clock, signer));
      expect(await opened.store.lastCheckpoint(tenant)).toEqual(made[2]);
      const first = await opened.store.listCheckpoints(tenant, null, 2);
      expect(first.items.map((c) => c.seq)).toEqual([3, 2]);
      const second = await opened.store.listCheckpoints(tenant, first.nextCursor, 2);
      expect(second).toEqual({ items: [made[0]], nextCursor: null });
      expect(await opened.store.readCheckpoints(tenant)).toEqual(made);
      await expect(opened.store.addCheckpoint(made[0]!)).rejects.toThrow();
    });

    it('round-trips every field as stored', async () => {
      const entry = await log.record(
        tenant,
        input('member.role', {
          workspaceId: 'w1',
          summary: { from: { role: 'viewer' }, to: { role: 'admin' } },
          ip: '192.0.2.7',
          requestId: 'req_1',
        }),
      );
      const [stored] = await log.exportEntries(tenant, {});
      expect(stored).toEqual(entry);
    });

    it('names an entry altered in the database', async () => {
      await seed(5);
      await opened.exec(
        `UPDATE audit_entries SET action = 'member.remove' WHERE tenant_id = '${tenant}' AND seq = 3`,
      );
      expect(await log.verify(tenant)).toMatchObject({
        ok: false,
        firstBad: { seq: 3, reason: 'altered' },
      });
    });

    it('names an entry deleted from the database', async () => {
      await seed(5);
      await opened.exec(`DELETE FROM audit_entries WHERE tenant_id = '${tenant}' AND seq = 2`);
      expect(await log.verify(tenant)).toMatchObject({
        ok: false,
        firstBad: { seq: 2, reason: 'missing' },
      });
    });

    it('names entries reordered in the database', async () => {
      await seed(5);
      const t = `tenant_id = '${tenant}'`;
      await opened.exec(`UPDATE audit_entries SET seq = 100 WHERE ${t} AND seq = 3`);
      await opened.exec(`UPDATE audit_entries SET seq = 3 WHERE ${t} AND seq = 4`);
      await opened.exec(`UPDATE audit_entries SET seq = 4 WHERE ${t} AND seq = 100`);
      expect(await log.verify(tenant)).toMatchObject({
        ok: false,
        firstBad: { seq: 3, reason: 'reordered' },
      });
    });

    it('names an entry inserted into the database', async () => {
      await seed(5);
      const t = `tenant_id = '${tenant}'`;
      await opened.exec(`UPDATE audit_entries SET seq = seq + 1000 WHERE ${t} AND seq >= 3`);
      await opened.exec(`UPDATE audit_entries SET seq = seq - 999 WHERE ${t} AND seq >= 1000`);
      await opened.exec(
        `INSERT INTO audit_entries (tenant_id, seq, id, ts, actor_type, actor_id, action, outcome, resource_type, prev_hash, hash)
         SELECT tenant_id, 3, 'forged', ts, 'user', 'mallory', 'apiKey.create', 'success', 'apiKey', hash, '${'ab'.repeat(32)}'
         FROM audit_entries WHERE ${t} AND seq = 2`,
      );
      await opened.exec(`UPDATE audit_heads SET seq = 6 WHERE ${t}`);
      expect(await log.verify(tenant)).toMatchObject({
        ok: false,
        firstBad: { seq: 3, reason: 'inserted' },
      });
    });
  });
}
