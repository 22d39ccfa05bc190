// Trashing and restoring a document is done in the workspace index document
// by a stock client; the server audits both with the right actor and document.
import {
  actorOrigin,
  createDocumentEntry,
  createWorkspaceIndex,
  restoreDocument,
  trashDocument,
} from '@fieldbook/crdt-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

interface Entry {
  action: string;
  actor: { id: string };
  resource: { type: string; id: string };
  workspaceId: string;
  summary: { trashedAt: { from?: number | null; to: number | null } };
}

describe('trash and restore in the audit trail', () => {
  it('records document.trash and document.restore from index updates', async () => {
    const t = await tenantWithRoles(s);
    const editor = t.members.contributor;
    const index = s.connect(t.ws, t.ws, { token: editor.token });
    await index.synced();
    const origin = actorOrigin(editor.userId);
    createWorkspaceIndex(index.doc, { name: 'Lab' }, origin);
    const noteId = createDocumentEntry(index.doc, { kind: 'note', title: 'Run 7' }, origin);
    const stored = async () =>
      (await s.server.store.readLog({ workspaceId: t.ws, docId: t.ws })).length;
    await until(async () => (await stored()) >= 2, 'index to be stored');
    trashDocument(index.doc, { id: noteId }, origin);
    await until(async () => (await stored()) >= 3, 'trash to be stored');
    restoreDocument(index.doc, { id: noteId }, origin);
    await until(async () => (await stored()) >= 4, 'restore to be stored');

    // Audit entries are written off the hot path, after the append: wait for both.
    const audited = () =>
      s.call('GET', `/audit?resourceId=${noteId}&limit=50`, { token: t.admin.token });
    await until(
      async () => (await audited()).body.items.some((e: Entry) => e.action === 'document.restore'),
      'trash and restore to be audited',
    );
    const audit = await audited();
    expect(audit.status).toBe(200);
    const items = audit.body.items as Entry[];
    const trash = items.filter((e) => e.action === 'document.trash');
    const restore = items.filter((e) => e.action === 'document.restore');
    expect(trash).toHaveLength(1);
    expect(restore).toHaveLength(1);
    for (const entry of [trash[0]!, restore[0]!]) {
      expect(entry).toMatchObject({
        actor: { id: editor.userId },
        resource: { type: 'document', id: noteId },
        workspaceId: t.ws,
      });
    }
    expect(trash[0]!.summary.trashedAt).toEqual({ from: null, to: expect.any(Number) });
    expect(restore[0]!.summary.trashedAt.to).toBeNull();

    const verify = await s.call('GET', '/audit/verify', { token: t.admin.token });
    expect(verify.body).toMatchObject({ ok: true });
  });
});
