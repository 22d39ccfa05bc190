// Branches of annotation collections over the network: a real server in tenant
// mode, stock y-websocket clients, REST calls as members of each role.
import {
  actorOrigin,
  createAnnotation,
  createAnnotationCollection,
  createNote,
  createWorkspaceIndex,
  deleteAnnotation,
  editAnnotation,
  readAnnotation,
  readAnnotationCollection,
  readDocumentEntry,
  renameAnnotationCollection,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantWithRoles } from '../api/e2e/fixtures';
import { until } from '../api/e2e/rawSync';
import { startIdentityServer, type IdentityServer } from '../api/e2e/serverKit';

let s: IdentityServer;
beforeAll(async () => {
  s = await startIdentityServer();
});
afterAll(async () => {
  await s.close();
});

const stored = async (ws: string, doc: string) =>
  (await s.server.store.readLog({ workspaceId: ws, docId: doc })).length;
const ids = (items: { id: string }[]) => items.map((x) => x.id).sort();

describe('branches of annotation collections over REST', () => {
  it('forks at a version, edits apart, previews and merges back live, audited', async () => {
    const t = await tenantWithRoles(s);
    const admin = t.admin;
    const me = actorOrigin(admin.userId);
    const index = s.connect(t.ws, t.ws, { token: admin.token });
    await index.synced();
    createWorkspaceIndex(index.doc, { name: 'Lab' }, me);
    const sourceId = newId();
    const src = s.connect(t.ws, sourceId, { token: admin.token });
    await src.synced();
    createAnnotationCollection(src.doc, { name: 'Dust' }, me);
    const anchor = { channels: ['ch'], t: 0, t2: 10 };
    const kept = createAnnotation(src.doc, { kind: 'range', anchor, title: 'Kept' }, me);
    const edited = createAnnotation(src.doc, { kind: 'range', anchor, title: 'Edit me' }, me);
    const dropped = createAnnotation(src.doc, { kind: 'range', anchor, title: 'Drop me' }, me);
    await until(async () => (await stored(t.ws, sourceId)) >= 4, 'the source', 20_000);
    const path = `/workspaces/${t.ws}/documents/${sourceId}`;
    const base = await s.call('POST', `${path}/versions`, {
      token: admin.token,
      body: { name: 'Base' },
    });
    // The source moves on after the base: the branch must not see it, nor undo it.
    const later = createAnnotation(src.doc, { kind: 'range', anchor, title: 'Later' }, me);
    await until(async () => (await stored(t.ws, sourceId)) >= 5, 'the later edit', 20_000);

    const refused = await s.call('POST', `${path}/branches`, {
      token: t.members.viewer.token,
      body: { version: base.body.id },
    });
    expect(refused.status).toBe(403);
    const writer = t.members.contributor;
    const fork = await s.call('POST', `${path}/branches`, {
      token: writer.token,
      body: { version: base.body.id },
    });
    expect(fork.status).toBe(201);
    expect(fork.body).toMatchObject({
      sourceId,
      baseVersion: base.body.id,
      title: 'Dust (branch)',
      merged: null,
    });
    const branchId: string = fork.body.id;
    await until(() => readDocumentEntry(index.doc, branchId) !== null, 'the listing', 20_000);
    expect(readDocumentEntry(index.doc, branchId)).toMatchObject({ kind: 'annotations' });

    // Edit the branch apart (deleting takes an admin), partly offline.
    const rev = t.members.reviewer;
    const br = s.connect(t.ws, branchId, { token: admin.token });
    await br.synced();
    expect(ids(readAnnotationCollection(br.doc).annotations)).toEqual(
      [dropped, edited, kept].sort(),
    );
    br.provider.disconnect();
    editAnnotation(br.doc, { id: edited, title: 'Edited in branch' }, me);
    deleteAnnotation(br.doc, { id: dropped }, me);
    const added = createAnnotation(br.doc, { kind: 'range', anchor, title: 'New' }, me);
    renameAnnotationCollection(br.doc, { name: 'Dust, tried' }, me);
    br.provider.connect();
    await br.synced();
    await until(async () => (await stored(t.ws, branchId)) >= 2, 'the branch edits', 20_000);

    const bpath = `/workspaces/${t.ws}/documents/${branchId}`;
    const info = await s.call('GET', `${bpath}/branch`, { token: t.members.viewer.token });
    expect(info.body).toMatchObject({ id: branchId, sourceId, baseSeq: expect.any(Number) });
    expect((await s.call('GET', `${path}/branch`, { token: admin.token })).status).toBe(404);
    const list = await s.call('GET', `${path}/branches`, { token: t.members.viewer.token });
    expect(list.body.items.map((b: { id: string }) => b.id)).toEqual([branchId]);

    const diff = await s.call('GET', `${bpath}/branch/diff`, { token: writer.token });
    expect(ids(diff.body.lists.annotations.added)).toEqual([added]);
    expect(ids(diff.body.lists.annotations.removed)).toEqual([dropped, later].sort());

    const preview = await s.call('GET', `${bpath}/branch/merge-preview`, { token: writer.token });
    expect(preview.status).toBe(200);
    const willChange = preview.body.lists.annotations;
    expect(ids(willChange.added)).toEqual([added]);
    expect(ids(willChange.removed)).toEqual([dropped]);
    expect(willChange.changed).toMatchObject([
      { id: edited, fields: [{ field: 'title', from: 'Edit me', to: 'Edited in branch' }] },
    ]);
    expect(preview.body.fields).toEqual([]);

    for (const role of ['viewer', 'contributor'] as const) {
      const no = await s.call('POST', `${bpath}/branch/merge`, { token: t.members[role].token });
      expect(no.status).toBe(403);
    }
    const merged = await s.call('POST', `${bpath}/branch/merge`, { token: rev.token });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ source: sourceId, seq: expect.any(Number) });
    expect(merged.body.branch.merged).toMatchObject({ seq: merged.body.seq, by: rev.userId });
    await until(() => readAnnotation(src.doc, added) !== null, 'the merge to arrive live', 20_000);
    const after = readAnnotationCollection(src.doc);
    expect(after.name).toBe('Dust');
    expect(ids(after.annotations)).toEqual([added, edited, kept, later].sort());
    expect(readAnnotation(src.doc, edited)?.title).toBe('Edited in branch');

    const history = await s.call('GET', `${path}/history?limit=1`, { token: writer.token });
    expect(history.body.items[0]).toMatchObject({
      kind: 'merge',
      ref: branchId,
      actor: rev.userId,
    });
    const again = await s.call('POST', `${bpath}/branch/merge`, { token: rev.token });
    expect(again.body.seq).toBeNull();
    const nothing = await s.call('GET', `${bpath}/branch/merge-preview`, { token: rev.token });
    expect(nothing.body.lists).toEqual({});

    const audit = await s.call('GET', `/audit?limit=100`, { token: admin.token });
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['branch.create', 'branch.merge']));
  }, 120_000);

  it('refuses a note, hides other tenants and lists the routes', async () => {
    const mine = await tenantWithRoles(s);
    const theirs = await tenantWithRoles(s);
    const docId = newId();
    const c = s.connect(theirs.ws, docId, { token: theirs.admin.token });
    await c.synced();
    createAnnotationCollection(c.doc, { name: 'Theirs' }, actorOrigin(theirs.admin.userId));
    await until(async () => (await stored(theirs.ws, docId)) >= 1, 'their collection', 20_000);
    const probe = async (ws: string, doc: string) => {
      const r = await s.call('POST', `/workspaces/${ws}/documents/${doc}/branches`, {
        token: mine.admin.token,
        body: { version: '1' },
      });
      return [r.status, r.body.error.code];
    };
    expect(await probe(theirs.ws, docId)).toEqual(await probe(newId(), newId()));
    const notBranch = await s.call('GET', `/workspaces/${theirs.ws}/documents/${docId}/branch`, {
      token: theirs.admin.token,
    });
    expect(notBranch.status).toBe(404);

    const noteId = newId();
    const n = s.connect(theirs.ws, noteId, { token: theirs.admin.token });
    await n.synced();
    createNote(n.doc, { title: 'Plain' }, actorOrigin(theirs.admin.userId));
    await until(async () => (await stored(theirs.ws, noteId)) >= 1, 'the note', 20_000);
    const note = await s.call('POST', `/workspaces/${theirs.ws}/documents/${noteId}/branches`, {
      token: theirs.admin.token,
      body: { version: '1' },
    });
    expect(note.status).toBe(409);

    const openapi = await s.call('GET', '/openapi.json');
    for (const p of ['branches', 'branch', 'branch/diff', 'branch/merge-preview', 'branch/merge'])
      expect(Object.keys(openapi.body.paths)).toContain(`/workspaces/{ws}/documents/{doc}/${p}`);
  });

  it('lets an admin set the history retention, keeping everything by default', async () => {
    const t = await tenantWithRoles(s);
    const path = `/workspaces/${t.ws}/history-retention`;
    const first = await s.call('GET', path, { token: t.members.viewer.token });
    expect(first.body).toEqual({ foldAfterDays: null });
    const refused = await s.call('PUT', path, {
      token: t.members.reviewer.token,
      body: { foldAfterDays: 30 },
    });
    expect(refused.status).toBe(403);
    const bad = await s.call('PUT', path, { token: t.admin.token, body: { foldAfterDays: 0 } });
    expect(bad.status).toBe(400);
    const set = await s.call('PUT', path, { token: t.admin.token, body: { foldAfterDays: 30 } });
    expect(set.body).toEqual({ foldAfterDays: 30 });
    expect((await s.call('GET', path, { token: t.admin.token })).body.foldAfterDays).toBe(30);
    await s.call('PUT', path, { token: t.admin.token, body: { foldAfterDays: null } });
    expect((await s.call('GET', path, { token: t.admin.token })).body.foldAfterDays).toBeNull();
    const audit = await s.call('GET', `/audit?limit=100`, { token: t.admin.token });
    const entries = audit.body.items.filter(
      (e: { action: string }) => e.action === 'history.retention',
    );
    expect(entries).toHaveLength(2);
  });
});
