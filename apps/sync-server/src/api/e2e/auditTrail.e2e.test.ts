import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '@fieldbook/shared';
import { tenantWithRoles } from './fixtures';
import { until } from './rawSync';
import { startIdentityServer, type IdentityServer } from './serverKit';

let s: IdentityServer;
beforeAll(async () => {
  s = await startIdentityServer();
});
afterAll(async () => {
  const leaked = s.leakedSecrets();
  await s.close();
  expect(leaked).toEqual([]);
});

describe('audit trail of a running server', () => {
  it('records sign-ins, membership, keys, document creation and per-minute edits', async () => {
    const t = await tenantWithRoles(s);
    await s.call('POST', '/auth/login', {
      body: { email: t.members.viewer.email, password: 'wrong password!' },
    });
    const key = await s.call('POST', '/api-keys', {
      token: t.admin.token,
      body: { name: 'k', workspaceId: t.ws, access: 'read' },
    });
    await s.call('DELETE', `/api-keys/${key.body.apiKey.id}`, { token: t.admin.token });
    await s.call('PATCH', `/workspaces/${t.ws}/members/${t.members.viewer.userId}`, {
      token: t.admin.token,
      body: { role: 'reviewer' },
    });

    const docId = newId();
    const editor = s.connect(t.ws, docId, { token: t.members.contributor.token });
    await editor.synced();
    const annotation = new Y.Map<unknown>();
    editor.doc.getMap('annotations').set('ann-1', annotation);
    annotation.set('title', 'dust devil');
    editor.doc.getText('body').insert(0, 'hello');
    await until(
      async () => (await s.server.store.readLog({ workspaceId: t.ws, docId })).length >= 3,
      'edits to be stored',
    );
    await new Promise((r) => setTimeout(r, 50));
    await s.identity.edits.flush(true);

    const all = (await s.call('GET', '/audit?limit=500', { token: t.admin.token })).body.items as {
      action: string;
      outcome: string;
      actor: { id: string };
      summary: Record<string, unknown>;
      resource: { id: string };
    }[];
    const actions = all.map((e) => `${e.action}:${e.outcome}`);
    for (const expected of [
      'auth.signup:success',
      'auth.login:success',
      'auth.login:failure',
      'member.role:success',
      'apiKey.create:success',
      'apiKey.revoke:success',
      'invitation.accept:success',
      'document.create:success',
      'document.edit:success',
    ]) {
      expect(actions).toContain(expected);
    }
    const created = all.find((e) => e.action === 'document.create')!;
    expect(created).toMatchObject({
      actor: { id: t.members.contributor.userId },
      resource: { id: docId },
    });
    const edits = all.filter((e) => e.action === 'document.edit');
    expect(edits).toHaveLength(1);
    expect(edits[0]!.summary).toMatchObject({
      updates: 3,
      annotations: ['ann-1'],
      sections: ['body'],
    });
    expect((await s.call('GET', '/audit/verify', { token: t.admin.token })).body).toMatchObject({
      ok: true,
    });
  });

  const tamperings: [string, (db: Database.Database, tenant: string) => void, number, string][] = [
    [
      'alter',
      (db, t) =>
        db
          .prepare(`UPDATE audit_entries SET outcome = 'failure' WHERE tenant_id = ? AND seq = 3`)
          .run(t),
      3,
      'altered',
    ],
    [
      'delete',
      (db, t) => db.prepare('DELETE FROM audit_entries WHERE tenant_id = ? AND seq = 3').run(t),
      3,
      'missing',
    ],
    [
      'reorder',
      (db, t) => {
        db.prepare('UPDATE audit_entries SET seq = 1000 WHERE tenant_id = ? AND seq = 3').run(t);
        db.prepare('UPDATE audit_entries SET seq = 3 WHERE tenant_id = ? AND seq = 4').run(t);
        db.prepare('UPDATE audit_entries SET seq = 4 WHERE tenant_id = ? AND seq = 1000').run(t);
      },
      3,
      'reordered',
    ],
    [
      'insert',
      (db, t) => {
        db.prepare(
          'UPDATE audit_entries SET seq = seq + 1000 WHERE tenant_id = ? AND seq >= 3',
        ).run(t);
        db.prepare(
          'UPDATE audit_entries SET seq = seq - 999 WHERE tenant_id = ? AND seq >= 1000',
        ).run(t);
        db.prepare(
          `INSERT INTO audit_entries (tenant_id, seq, id, ts, actor_type, actor_id, action, outcome, resource_type, prev_hash, hash)
           SELECT tenant_id, 3, 'forged', ts, 'user', 'mallory', 'member.add', 'success', 'user', hash, hash FROM audit_entries WHERE tenant_id = ? AND seq = 2`,
        ).run(t);
        db.prepare('UPDATE audit_heads SET seq = seq + 1 WHERE tenant_id = ?').run(t);
      },
      3,
      'inserted',
    ],
  ];
  for (const [name, tamper, seq, reason] of tamperings) {
    it(`names the entry when one row is changed in the database: ${name}`, async () => {
      const t = await tenantWithRoles(s);
      expect((await s.call('GET', '/audit/verify', { token: t.admin.token })).body).toMatchObject({
        ok: true,
      });
      const db = new Database(s.databaseFile);
      tamper(db, t.admin.tenantId);
      db.close();
      const verify = await s.call('GET', '/audit/verify', { token: t.admin.token });
      expect(verify.body).toMatchObject({ ok: false, firstBad: { seq, reason } });
    });
  }
});
