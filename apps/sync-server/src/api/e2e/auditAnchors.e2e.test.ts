import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, verify as verifySignature } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, sealedEntryHash } from '../../audit/chain';
import { startLocalTsa } from '../../audit/testing/localTsa';
import type { AuditEntry } from '../../audit/types';
import { tempDir } from '../../testing/harness';
import { tenantWithRoles } from './fixtures';
import { startIdentityServer, type IdentityServer } from './serverKit';

const KEY = { id: 'lab-2026', secret: randomBytes(32) };
const OLD_KEY = { id: 'lab-2025', secret: randomBytes(32) };
const keyList = (...keys: (typeof KEY)[]) =>
  keys.map((k) => `${k.id}:${k.secret.toString('base64')}`).join(',');

let s: IdentityServer;
let tsa: Awaited<ReturnType<typeof startLocalTsa>>;
let outside: ReturnType<typeof tempDir>;
let receiver: Server;
const posted: { publicKey: { keyId: string }; checkpoints: { tenantId: string }[] }[] = [];
let checkpointFile: string;

beforeAll(async () => {
  tsa = await startLocalTsa();
  outside = tempDir('fb-audit-anchors-');
  checkpointFile = join(outside.dir, 'checkpoints.jsonl');
  const signingKey = join(outside.dir, 'checkpoint-key.pem');
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(signingKey, privateKey.export({ format: 'pem', type: 'pkcs8' }));
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      posted.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  s = await startIdentityServer(
    {},
    {
      AUDIT_KEYS: keyList(KEY, OLD_KEY),
      AUDIT_SIGNING_KEY_FILE: signingKey,
      AUDIT_CHECKPOINT_FILE: checkpointFile,
      AUDIT_CHECKPOINT_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/anchors`,
      AUDIT_TSA_URL: tsa.url,
      AUDIT_TSA_CA_FILE: tsa.caFile,
    },
  );
});
afterAll(async () => {
  const leaked = s.leakedSecrets();
  await s.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await tsa.close();
  outside.cleanup();
  expect(leaked).toEqual([]);
  expect(s.logs.join('').includes(KEY.secret.toString('base64'))).toBe(false);
});

/** A tenant with members (a few dozen audit entries), checkpointed, then three entries more. */
async function checkpointedTenant() {
  const t = await tenantWithRoles(s);
  await s.identity.checkpoints.runOnce();
  for (const name of ['after 1', 'after 2', 'after 3'])
    await s.call('POST', '/workspaces', { token: t.admin.token, body: { name } });
  const entries = await s.identity.audit.exportEntries(t.admin.tenantId, {});
  const checkpointed = (await s.identity.checkpoints.list(t.admin.tenantId, null, 1)).items[0]!;
  return { t, entries, checkpointedSeq: checkpointed.headSeq };
}

const verify = async (token: string) => (await s.call('GET', '/audit/verify', { token })).body;

/** Rewrites entry `seq` with `summary` and recomputes every hash from it to the head with `key`. */
function rewriteWithKey(
  db: Database.Database,
  entries: AuditEntry[],
  seq: number,
  key: typeof KEY,
) {
  let prev = seq === 1 ? GENESIS_HASH : entries[seq - 2]!.hash;
  const update = db.prepare(
    'UPDATE audit_entries SET summary = ?, prev_hash = ?, hash = ? WHERE tenant_id = ? AND seq = ?',
  );
  for (const e of entries.slice(seq - 1)) {
    const body = e.seq === seq ? { ...e, summary: { forged: true } } : e;
    const hash = sealedEntryHash(prev, body, key);
    update.run(JSON.stringify(body.summary), prev, hash, e.tenantId, e.seq);
    prev = hash;
  }
  db.prepare('UPDATE audit_heads SET hash = ? WHERE tenant_id = ?').run(prev, entries[0]!.tenantId);
}

describe('signed checkpoints', () => {
  it('are signed with the published key, time-stamped, listed, written to the file and posted', async () => {
    const { t } = await checkpointedTenant();
    const key = await s.call('GET', '/audit/checkpoints/key');
    expect(key.status).toBe(200);
    const page = await s.call('GET', '/audit/checkpoints?limit=10', { token: t.admin.token });
    expect(page.status).toBe(200);
    const [cp] = page.body.items;
    expect(cp).toMatchObject({ tenantId: t.admin.tenantId, seq: 1, signingKeyId: key.body.keyId });
    const { signature, timestamp, ...payload } = cp;
    const sorted = JSON.stringify(Object.fromEntries(Object.entries(payload).sort()));
    expect(
      verifySignature(null, Buffer.from(sorted), key.body.pem, Buffer.from(signature, 'base64url')),
    ).toBe(true);
    expect(
      verifySignature(
        null,
        Buffer.from(sorted.replace('"seq":1', '"seq":2')),
        key.body.pem,
        Buffer.from(signature, 'base64url'),
      ),
    ).toBe(false);

    const stamped = JSON.stringify({ payload: sorted, signature });
    writeFileSync(join(tsa.dir, 'checkpoint.json'), stamped);
    writeFileSync(join(tsa.dir, 'token.der'), Buffer.from(timestamp.token, 'base64'));
    const check = execFileSync(
      'openssl',
      [
        'ts',
        '-verify',
        '-token_in',
        '-in',
        'token.der',
        '-data',
        'checkpoint.json',
        '-CAfile',
        tsa.caFile,
      ],
      { cwd: tsa.dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(check.toString()).toMatch(/Verification: OK/);
    expect(timestamp.tsa).toBe(tsa.url);

    const lines = readFileSync(checkpointFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toContainEqual(cp);
    expect(
      posted.some(
        (p) =>
          p.publicKey.keyId === key.body.keyId &&
          p.checkpoints.some((c) => c.tenantId === t.admin.tenantId),
      ),
    ).toBe(true);

    const report = await verify(t.admin.token);
    expect(report).toEqual({
      ok: true,
      checked: report.headSeq,
      headSeq: expect.any(Number),
      checkpoints: {
        checked: 1,
        external: 1,
        unverifiable: 0,
        timestamped: 1,
        badTimestamps: 0,
        latest: { seq: 1, headSeq: cp.headSeq, ts: cp.ts },
      },
    });
  });

  it('are for tenant admins only, never another tenant’s, and page with the cursor codec', async () => {
    const a = await checkpointedTenant();
    const b = await checkpointedTenant();
    await s.identity.checkpoints.runOnce();
    const member = await s.call('GET', '/audit/checkpoints', { token: a.t.members.admin.token });
    expect(member.status).toBe(403);
    const first = await s.call('GET', '/audit/checkpoints?limit=1', { token: a.t.admin.token });
    expect(first.body.items.map((c: { seq: number }) => c.seq)).toEqual([2]);
    const second = await s.call(
      'GET',
      `/audit/checkpoints?limit=1&cursor=${first.body.nextCursor}`,
      { token: a.t.admin.token },
    );
    expect(second.body).toMatchObject({ items: [{ seq: 1 }], nextCursor: null });
    for (const page of [first, second])
      expect(
        page.body.items.every((c: { tenantId: string }) => c.tenantId === a.t.admin.tenantId),
      ).toBe(true);
    expect(b.t.admin.tenantId).not.toBe(a.t.admin.tenantId);
    const bad = await s.call('GET', '/audit/checkpoints?cursor=nonsense', {
      token: a.t.admin.token,
    });
    expect(bad.status).toBe(400);
  });
});

describe('verify names the first bad entry in the live database file', () => {
  const tamperings: [
    string,
    (db: Database.Database, e: AuditEntry[]) => void,
    (seq: number) => object,
  ][] = [
    [
      'alteration',
      (db, e) =>
        db
          .prepare(`UPDATE audit_entries SET outcome = 'failure' WHERE tenant_id = ? AND seq = 4`)
          .run(e[0]!.tenantId),
      () => ({ seq: 4, reason: 'altered' }),
    ],
    [
      'deletion',
      (db, e) =>
        db.prepare('DELETE FROM audit_entries WHERE tenant_id = ? AND seq = 4').run(e[0]!.tenantId),
      () => ({ seq: 4, reason: 'missing' }),
    ],
    [
      'insertion',
      (db, e) => {
        const t = e[0]!.tenantId;
        db.prepare(
          'UPDATE audit_entries SET seq = seq + 1000 WHERE tenant_id = ? AND seq >= 4',
        ).run(t);
        db.prepare(
          'UPDATE audit_entries SET seq = seq - 999 WHERE tenant_id = ? AND seq >= 1000',
        ).run(t);
        db.prepare(
          `INSERT INTO audit_entries (tenant_id, seq, id, ts, actor_type, actor_id, action, outcome, resource_type, key_id, prev_hash, hash)
           SELECT tenant_id, 4, 'forged', ts, 'user', 'mallory', 'member.add', 'success', 'user', key_id, hash, hash FROM audit_entries WHERE tenant_id = ? AND seq = 3`,
        ).run(t);
        db.prepare('UPDATE audit_heads SET seq = seq + 1 WHERE tenant_id = ?').run(t);
      },
      () => ({ seq: 4, reason: 'inserted' }),
    ],
    [
      'reordering',
      (db, e) => {
        const t = e[0]!.tenantId;
        db.prepare('UPDATE audit_entries SET seq = 1000 WHERE tenant_id = ? AND seq = 4').run(t);
        db.prepare('UPDATE audit_entries SET seq = 4 WHERE tenant_id = ? AND seq = 5').run(t);
        db.prepare('UPDATE audit_entries SET seq = 5 WHERE tenant_id = ? AND seq = 1000').run(t);
      },
      () => ({ seq: 4, reason: 'reordered' }),
    ],
    [
      'a rewrite with hashes recomputed without the key',
      (db, e) => rewriteWithKey(db, e, 4, { id: KEY.id, secret: randomBytes(32) }),
      () => ({ seq: 4, reason: 'altered' }),
    ],
    [
      'a rewrite before a checkpoint, with hashes recomputed with the key',
      (db, e) => rewriteWithKey(db, e, 4, KEY),
      () => ({ seq: 1, reason: 'rewritten' }),
    ],
    [
      'the same rewrite with the database’s checkpoints deleted too (the file still holds them)',
      (db, e) => {
        rewriteWithKey(db, e, 4, KEY);
        db.prepare('DELETE FROM audit_checkpoints WHERE tenant_id = ?').run(e[0]!.tenantId);
      },
      () => ({ seq: 1, reason: 'rewritten' }),
    ],
    [
      'a rewrite after the last checkpoint, recomputed without the key',
      (db, e) => rewriteWithKey(db, e, e.length - 1, { id: KEY.id, secret: randomBytes(32) }),
      (n) => ({ seq: n - 1, reason: 'altered' }),
    ],
  ];
  for (const [name, tamper, expected] of tamperings) {
    it(name, async () => {
      const { t, entries, checkpointedSeq } = await checkpointedTenant();
      expect(checkpointedSeq).toBeGreaterThan(5);
      expect(await verify(t.admin.token)).toMatchObject({ ok: true });
      const db = new Database(s.databaseFile);
      tamper(db, entries);
      db.close();
      const result = await verify(t.admin.token);
      expect(result).toMatchObject({ ok: false, firstBad: expected(entries.length) });
      expect(result.firstBad.message).toEqual(expect.any(String));
    });
  }

  it('names the rewritten range precisely when checkpoints are close together', async () => {
    const { t, entries } = await checkpointedTenant();
    await s.identity.checkpoints.runOnce();
    const db = new Database(s.databaseFile);
    rewriteWithKey(db, entries, entries.length - 1, KEY);
    db.close();
    expect(await verify(t.admin.token)).toMatchObject({
      ok: false,
      firstBad: {
        seq: entries.length - 3 + 1,
        reason: 'rewritten',
        message: expect.stringMatching(
          new RegExp(`entries ${entries.length - 2}…${entries.length}`),
        ),
      },
    });
  });
});
