import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, legacyEntryHash } from '../../audit/chain';
import { tempDir } from '../../testing/harness';
import { tenantWithRoles } from './fixtures';
import { startIdentityServer, type IdentityServer } from './serverKit';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const running: IdentityServer[] = [];
const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
  for (const d of dirs.splice(0)) d.cleanup();
});

/** A server on `dataDir` with these AUDIT_KEYS (none: derived from FIELDBOOK_SECRET). */
async function start(dataDir: string, keys?: string) {
  const s = await startIdentityServer({ dataDir }, keys ? { AUDIT_KEYS: keys } : {});
  running.push(s);
  return s;
}
async function restart(s: IdentityServer, dataDir: string, keys?: string) {
  await s.close();
  running.splice(running.indexOf(s), 1);
  return start(dataDir, keys);
}
const keyIds = (s: IdentityServer, tenantId: string) =>
  s.identity.audit.exportEntries(tenantId, {}).then((e) => [...new Set(e.map((x) => x.keyId))]);

describe('audit keys across restarts', () => {
  it('rotates: new entries use the current key, and entries under both key ids verify', async () => {
    const data = tempDir('fb-audit-keys-');
    dirs.push(data);
    const k2025 = key('k2025');
    let s = await start(data.dir, k2025);
    const t = await tenantWithRoles(s);
    s = await restart(s, data.dir, `${key('k2026')},${k2025}`);
    const login = await s.call('POST', '/auth/login', {
      body: { email: t.members.viewer.email, password: 'e2e password 12345' },
    });
    expect(login.status).toBe(200);
    expect(await keyIds(s, t.admin.tenantId)).toEqual(['k2025', 'k2026']);
    expect(await s.identity.audit.verify(t.admin.tenantId)).toMatchObject({ ok: true });

    s = await restart(s, data.dir, key('k2027'));
    expect(await s.identity.audit.verify(t.admin.tenantId)).toMatchObject({
      ok: false,
      firstBad: { seq: 1, reason: 'unknownKey', message: expect.stringMatching(/"k2025"/) },
    });
  });

  it('says in the log when keys are derived from the server secret', async () => {
    const data = tempDir('fb-audit-keys-');
    dirs.push(data);
    const s = await start(data.dir);
    const warning = s.logs.find((l) => l.includes('audit keys derived from FIELDBOOK_SECRET'));
    expect(warning).toBeDefined();
    expect(JSON.parse(warning!).derived).toEqual(['hmac key', 'signing key']);
  });
});

describe('a database written before audit keys', () => {
  it('keeps its old entries, seals them at the next start, and still catches a rewrite of them', async () => {
    const data = tempDir('fb-audit-legacy-');
    dirs.push(data);
    const keys = key('k1');
    let s = await start(data.dir, keys);
    const t = await tenantWithRoles(s);
    await s.close();
    running.splice(0);
    const tenant = t.admin.tenantId;
    const db = new Database(`${data.dir}/fieldbook.db`);
    // What migration 0005 leaves of a database from before audit keys: key_id NULL, sha256 hashes.
    const rows = db
      .prepare('SELECT * FROM audit_entries WHERE tenant_id = ? ORDER BY seq')
      .all(tenant) as Record<string, unknown>[];
    let prev = GENESIS_HASH;
    const update = db.prepare(
      'UPDATE audit_entries SET key_id = NULL, prev_hash = ?, hash = ? WHERE tenant_id = ? AND seq = ?',
    );
    for (const r of rows) {
      const entry = {
        id: r.id as string,
        tenantId: tenant,
        seq: r.seq as number,
        ts: r.ts as number,
        actor: {
          type: r.actor_type as 'user',
          id: r.actor_id as string | null,
          label: r.actor_label as string | null,
        },
        action: r.action as string,
        outcome: r.outcome as 'success',
        resource: { type: r.resource_type as string, id: r.resource_id as string | null },
        workspaceId: r.workspace_id as string | null,
        summary: r.summary === null ? null : JSON.parse(r.summary as string),
        ip: r.ip as string | null,
        requestId: r.request_id as string | null,
        keyId: null,
      };
      const hash = legacyEntryHash(prev, entry);
      update.run(prev, hash, tenant, entry.seq);
      prev = hash;
    }
    db.prepare('UPDATE audit_heads SET hash = ? WHERE tenant_id = ?').run(prev, tenant);
    db.prepare('DELETE FROM audit_checkpoints WHERE tenant_id = ?').run(tenant);
    db.close();

    s = await start(data.dir, keys);
    expect(s.logs.some((l) => l.includes('sealed audit chains written before audit keys'))).toBe(
      true,
    );
    const entries = await s.identity.audit.exportEntries(tenant, {});
    const seal = entries[rows.length]!;
    expect(seal).toMatchObject({
      action: 'audit.seal',
      keyId: 'k1',
      summary: { sealedSeq: rows.length, sealedHash: prev },
    });
    expect(entries.slice(0, rows.length).every((e) => e.keyId === null)).toBe(true);
    expect(await s.identity.audit.verify(tenant)).toMatchObject({
      ok: true,
      headSeq: rows.length + 1,
    });

    const tamper = new Database(`${data.dir}/fieldbook.db`);
    tamper
      .prepare(`UPDATE audit_entries SET outcome = 'failure' WHERE tenant_id = ? AND seq = 2`)
      .run(tenant);
    tamper.close();
    expect(await s.identity.audit.verify(tenant)).toMatchObject({
      ok: false,
      firstBad: { seq: 2, reason: 'altered' },
    });
  });
});
