// A workspace exported as a `.fieldbook` file over REST, edited apart and
// imported back: a CRDT merge appended to the log and seen by an open client;
// bad files change nothing; everything is audited. A file also makes a new
// workspace of the importer's.
import {
  actorOrigin,
  createDocumentEntry,
  createWorkspaceIndex,
  readWorkspaceIndex,
  trashDocument,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { readWorkspaceFile, writeWorkspaceFile } from '@fieldbook/workspace-file';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { tenantWithRoles } from './fixtures';
import { until } from './rawSync';
import { startIdentityServer, type IdentityServer } from './serverKit';

let s: IdentityServer;
const dir = mkdtempSync(join(tmpdir(), 'fb-wsfile-e2e-'));
beforeAll(async () => {
  s = await startIdentityServer();
});
afterAll(async () => {
  const leaked = s.leakedSecrets();
  await s.close();
  rmSync(dir, { recursive: true, force: true });
  expect(leaked).toEqual([]);
});

/** GET a binary body. */
async function download(path: string, token: string) {
  const res = await fetch(`http://127.0.0.1:${s.port}/api/v1${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Writes a workspace file of `workspaceId` with the given document states; returns its bytes. */
async function fileWith(workspaceId: string, states: Map<string, Uint8Array>) {
  const path = join(dir, `${newId()}.fieldbook`);
  await writeWorkspaceFile(
    {
      documentIds: async () => [...states.keys()],
      documentState: async (id) => states.get(id) ?? null,
      attachmentHashes: async () => [],
      attachment: async () => null,
    },
    { workspaceId, exportedBy: 'elsewhere', path },
  );
  return new Uint8Array(readFileSync(path));
}

describe('workspace export and import over REST', () => {
  it('exports, merges an edited copy back, refuses bad files, and audits both', async () => {
    const t = await tenantWithRoles(s);
    const writer = t.members.contributor;
    const origin = actorOrigin(writer.userId);
    const index = s.connect(t.ws, t.ws, { token: writer.token });
    await index.synced();
    createWorkspaceIndex(index.doc, { name: 'Lab' }, origin);
    const noteId = createDocumentEntry(index.doc, { kind: 'note', title: 'Run 7' }, origin);
    const note = s.connect(t.ws, noteId, { token: writer.token });
    await note.synced();
    note.doc.getText('body').insert(0, 'Calibration drifted.');
    await until(
      async () => (await s.server.store.readLog({ workspaceId: t.ws, docId: noteId })).length >= 1,
      'note stored',
    );
    await until(
      async () => (await s.server.store.readLog({ workspaceId: t.ws, docId: t.ws })).length >= 2,
      'index stored',
    );

    // Export, as a viewer.
    const { res, bytes } = await download(`/workspaces/${t.ws}/export`, t.members.viewer.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.fieldbook.workspace');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".*\.fieldbook"/);
    const exported = join(dir, 'exported.fieldbook');
    writeFileSync(exported, bytes);
    const contents = readWorkspaceFile(exported);
    expect(contents.manifest).toMatchObject({ workspaceId: t.ws, documentCount: 2 });
    expect(contents.documents.map((d) => d.id).sort()).toEqual([noteId, t.ws].sort());
    const copy = new Y.Doc();
    Y.applyUpdate(copy, contents.documents.find((d) => d.id === noteId)!.state);
    expect(copy.getText('body').toString()).toBe('Calibration drifted.');

    // The copy is edited elsewhere, then imported by a reviewer: a merge, seen by the open client.
    copy.getText('body').insert(copy.getText('body').length, ' Re-run at 14:00.');
    const states = new Map(contents.documents.map((d) => [d.id, d.state]));
    states.set(noteId, Y.encodeStateAsUpdate(copy));
    const edited = await fileWith(t.ws, states);
    const logBefore = (await s.server.store.readLog({ workspaceId: t.ws, docId: noteId })).length;
    const imported = await s.call('POST', `/workspaces/${t.ws}/import`, {
      token: t.members.reviewer.token,
      body: edited,
    });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({
      workspaceId: t.ws,
      documentsAdded: 0,
      documentsMerged: 1,
      documentsUnchanged: 1,
    });
    expect((await s.server.store.readLog({ workspaceId: t.ws, docId: noteId })).length).toBe(
      logBefore + 1,
    );
    await until(
      () => note.doc.getText('body').toString() === 'Calibration drifted. Re-run at 14:00.',
      'the open client to receive the import',
    );
    const again = await s.call('POST', `/workspaces/${t.ws}/import`, {
      token: t.members.reviewer.token,
      body: edited,
    });
    expect(again.body).toMatchObject({ documentsMerged: 0, documentsUnchanged: 2 });

    // Bad files: damaged, another workspace's, not a workspace file at all. Nothing changes.
    const logs = async () => [
      (await s.server.store.readLog({ workspaceId: t.ws, docId: noteId })).length,
      (await s.server.store.readLog({ workspaceId: t.ws, docId: t.ws })).length,
    ];
    const stored = await logs();
    const damaged = edited.slice();
    const at = Buffer.from(damaged).indexOf('Re-run');
    damaged[at] = damaged[at]! ^ 0x01;
    const foreignWs = await fileWith(newId(), states);
    for (const body of [damaged, foreignWs, new TextEncoder().encode('hello')]) {
      const refused = await s.call('POST', `/workspaces/${t.ws}/import`, {
        token: t.members.reviewer.token,
        body,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({
        code: 'WORKSPACE_FILE_INVALID',
        message: expect.stringMatching(
          /^The uploaded file cannot be imported: .*Nothing was changed\.$/,
        ),
      });
    }
    expect(await logs()).toEqual(stored);
    expect(note.doc.getText('body').toString()).toBe('Calibration drifted. Re-run at 14:00.');

    // A copy whose index trashed the note: the import is audited as a trash by the importer.
    const trashedIndex = new Y.Doc();
    Y.applyUpdate(trashedIndex, states.get(t.ws)!);
    trashDocument(trashedIndex, { id: noteId }, actorOrigin('elsewhere'));
    states.set(t.ws, Y.encodeStateAsUpdate(trashedIndex));
    const trashing = await s.call('POST', `/workspaces/${t.ws}/import`, {
      token: t.members.reviewer.token,
      body: await fileWith(t.ws, states),
    });
    expect(trashing.body).toMatchObject({ documentsMerged: 1, documentsUnchanged: 1 });
    await until(
      () => index.doc.getMap<Y.Map<unknown>>('documents').get(noteId)?.get('trashedAt') != null,
      'the open index client to see the trash',
    );

    // Audited, with the right actors; the chain still verifies.
    const audit = (
      await s.call('GET', `/audit?workspaceId=${t.ws}&limit=200`, { token: t.admin.token })
    ).body.items as {
      action: string;
      actor: { id: string };
      resource: { type: string; id: string };
      summary: Record<string, unknown>;
    }[];
    const exportEntry = audit.find((e) => e.action === 'document.export');
    expect(exportEntry).toMatchObject({
      actor: { id: t.members.viewer.userId },
      summary: { documents: 2 },
    });
    const importEntries = audit.filter((e) => e.action === 'workspace.import');
    expect(importEntries).toHaveLength(3);
    expect(audit.filter((e) => e.action === 'document.trash')).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ id: t.members.reviewer.userId }),
        resource: { type: 'document', id: noteId },
        summary: expect.objectContaining({ via: 'import' }),
      }),
    ]);
    expect(importEntries[0]).toMatchObject({ actor: { id: t.members.reviewer.userId } });
    expect((await s.call('GET', '/audit/verify', { token: t.admin.token })).body).toMatchObject({
      ok: true,
    });
  });

  it('makes a new workspace from a file, renamed, with its documents; a bad file makes none', async () => {
    const t = await tenantWithRoles(s);
    const writer = t.members.contributor;
    const origin = actorOrigin(writer.userId);
    const index = new Y.Doc();
    createWorkspaceIndex(index, { name: 'Lab' }, origin);
    const noteId = createDocumentEntry(index, { kind: 'note', title: 'Run 7' }, origin);
    const note = new Y.Doc();
    note.getText('body').insert(0, 'Calibration drifted.');
    const file = await fileWith(
      t.ws,
      new Map([
        [t.ws, Y.encodeStateAsUpdate(index)],
        [noteId, Y.encodeStateAsUpdate(note)],
      ]),
    );
    const listed = async () =>
      (
        (await s.call('GET', '/workspaces', { token: writer.token })).body.items as {
          id: string;
          name: string;
        }[]
      ).map((w) => w.name);
    const before = await listed();

    const damaged = file.slice();
    const at = Buffer.from(damaged).indexOf('Calibration');
    damaged[at] = damaged[at]! ^ 0x01;
    for (const body of [damaged, new TextEncoder().encode('hello')]) {
      const refused = await s.call('POST', '/workspaces/import', { token: writer.token, body });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('WORKSPACE_FILE_INVALID');
    }
    expect(await listed()).toEqual(before);

    const made = await s.call('POST', '/workspaces/import?name=Lab%20copy', {
      token: writer.token,
      body: file,
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ documentsAdded: 2, documentsMerged: 0 });
    const ws = made.body.workspaceId as string;
    expect(ws).not.toBe(t.ws);
    expect(await listed()).toEqual([...before, 'Lab copy']);

    // A member of the new workspace (its admin, the importer) syncs the copy: renamed index, same note.
    const copyIndex = s.connect(ws, ws, { token: writer.token });
    await copyIndex.synced();
    expect(readWorkspaceIndex(copyIndex.doc)).toMatchObject({
      name: 'Lab copy',
      documents: [expect.objectContaining({ id: noteId, title: 'Run 7' })],
    });
    const copyNote = s.connect(ws, noteId, { token: writer.token });
    await copyNote.synced();
    expect(copyNote.doc.getText('body').toString()).toBe('Calibration drifted.');
    // The file's own workspace is untouched; the default name is the file's.
    expect((await s.server.store.readLog({ workspaceId: t.ws, docId: noteId })).length).toBe(0);
    const plain = await s.call('POST', '/workspaces/import', { token: writer.token, body: file });
    expect(plain.status).toBe(201);
    expect(await listed()).toEqual([...before, 'Lab copy', 'Lab']);
    const audit = (
      await s.call('GET', `/audit?workspaceId=${ws}&limit=50`, { token: writer.token })
    ).body.items as { action: string; summary: Record<string, unknown> }[];
    expect(audit.find((e) => e.action === 'workspace.import')?.summary).toMatchObject({
      fromWorkspaceId: t.ws,
      documentsAdded: 2,
    });
  });
});
