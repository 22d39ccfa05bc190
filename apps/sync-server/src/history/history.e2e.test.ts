// History over the network: a real server in tenant mode, stock y-websocket
// clients, REST calls as members of each role.
import {
  actorOrigin,
  addComment,
  createAnnotation,
  createAnnotationCollection,
  createNote,
  deleteAnnotation,
  editAnnotation,
  editNoteText,
  readAnnotation,
  readAnnotationCollection,
  readNote,
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

type Tenant = Awaited<ReturnType<typeof tenantWithRoles>>;
const stored = async (ws: string, doc: string) =>
  (await s.server.store.readLog({ workspaceId: ws, docId: doc })).length;

describe('history, versions and restore over REST', () => {
  it('restores a note exactly, live to open clients, merges offline edits, and undoes', async () => {
    const t: Tenant = await tenantWithRoles(s);
    const writer = t.members.contributor;
    const reviewer = t.members.reviewer;
    const noteId = newId();
    const path = `/workspaces/${t.ws}/documents/${noteId}`;
    const a = s.connect(t.ws, noteId, { token: writer.token });
    await a.synced();
    const me = actorOrigin(writer.userId);
    createNote(a.doc, { title: 'Run 7', text: '# Setup\nalpha beta gamma\n' }, me);
    await until(async () => (await stored(t.ws, noteId)) >= 1, 'the note to be stored', 20_000);

    const named = await s.call('POST', `${path}/versions`, {
      token: writer.token,
      body: { name: 'Before the edit' },
    });
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({ name: 'Before the edit', createdByName: 'contributor' });
    const v1 = await s.call('GET', `${path}/versions/${named.body.id}`, { token: writer.token });
    expect(v1.status).toBe(200);
    expect(v1.body.snapshot).toEqual(readNote(a.doc));

    // An offline client holding the note, with an edit made before the restore.
    const b = s.connect(t.ws, noteId, { token: writer.token });
    await b.synced();
    b.provider.disconnect();
    editNoteText(b.doc, { index: b.doc.getText('body').length, insert: 'offline line\n' }, me);

    editNoteText(a.doc, { index: 17, deleteCount: 5, insert: 'BETA' }, me);
    editNoteText(a.doc, { index: 0, insert: 'intro\n' }, me);
    await until(async () => (await stored(t.ws, noteId)) >= 3, 'the edits to be stored', 20_000);
    const beforeRestore = readNote(a.doc);

    const history = await s.call('GET', `${path}/history`, { token: t.members.viewer.token });
    expect(history.status).toBe(200);
    expect(history.body.items[0]).toMatchObject({
      actor: writer.userId,
      actorName: 'contributor',
      kind: 'edit',
    });
    expect(history.body.items[0].summary.text.headings).toContain('Setup');

    for (const role of ['viewer', 'contributor'] as const) {
      const refused = await s.call('POST', `${path}/versions/${named.body.id}/restore`, {
        token: t.members[role].token,
      });
      expect(refused.status).toBe(403);
    }
    const restored = await s.call('POST', `${path}/versions/${named.body.id}/restore`, {
      token: reviewer.token,
    });
    expect(restored.status).toBe(200);
    expect(restored.body.seq).toBeGreaterThan(0);
    await until(
      () => readNote(a.doc).text === v1.body.snapshot.text,
      'the restore to arrive live',
      20_000,
    );
    expect(readNote(a.doc)).toEqual(v1.body.snapshot);

    const after = await s.call('GET', `${path}/history?limit=1`, { token: writer.token });
    expect(after.body.items[0]).toMatchObject({
      kind: 'restore',
      ref: named.body.id,
      actor: reviewer.userId,
    });
    expect(after.body.nextCursor).toEqual(expect.any(String));

    // Undo: restore the version just before the restore.
    const undo = await s.call('POST', `${path}/versions/${restored.body.seq - 1}/restore`, {
      token: reviewer.token,
    });
    expect(undo.status).toBe(200);
    await until(
      () => readNote(a.doc).text === beforeRestore.text,
      'the undo to arrive live',
      20_000,
    );
    expect(readNote(a.doc)).toEqual(beforeRestore);

    // Restore once more, then the offline client comes back: its edit merges with it.
    await s.call('POST', `${path}/versions/${named.body.id}/restore`, { token: reviewer.token });
    await until(() => readNote(a.doc).text === v1.body.snapshot.text, 'the second restore', 20_000);
    b.provider.connect();
    await until(
      () => readNote(a.doc).text.includes('offline line'),
      'the offline edit to merge',
      20_000,
    );
    expect(readNote(a.doc).text).toBe('# Setup\nalpha beta gamma\noffline line\n');
    await until(
      () => readNote(b.doc).text === readNote(a.doc).text,
      'the replicas to converge',
      20_000,
    );

    const diff = await s.call('GET', `${path}/versions/${named.body.id}/diff/${undo.body.seq}`, {
      token: writer.token,
    });
    expect(diff.status).toBe(200);
    expect(diff.body.text).toContainEqual({ op: 'insert', text: 'intro\n' });

    await until(
      async () => {
        const audit = await s.call('GET', `/audit?resourceId=${noteId}&limit=50`, {
          token: t.admin.token,
        });
        return (
          audit.body.items.filter((e: { action: string }) => e.action === 'version.restore')
            .length === 3
        );
      },
      'the restores in the audit trail',
      20_000,
    );
  });

  it('restores one annotation, leaves the others, and lists its history', async () => {
    const t: Tenant = await tenantWithRoles(s);
    // Deleting an annotation takes an admin.
    const writer = t.admin;
    const docId = newId();
    const path = `/workspaces/${t.ws}/documents/${docId}`;
    const c = s.connect(t.ws, docId, { token: writer.token });
    await c.synced();
    const me = actorOrigin(writer.userId);
    createAnnotationCollection(c.doc, { name: 'Dust' }, me);
    const anchor = { channels: ['ch'], t: 0, t2: 10 };
    const keep = createAnnotation(c.doc, { kind: 'range', anchor, title: 'Keep' }, me);
    const gone = createAnnotation(c.doc, { kind: 'range', anchor, title: 'Storm' }, me);
    addComment(c.doc, { annotationId: gone, body: 'seen' }, me);
    await until(
      async () => (await stored(t.ws, docId)) >= 4,
      'the collection to be stored',
      20_000,
    );
    const version = await s.call('POST', `${path}/versions`, {
      token: writer.token,
      body: { name: 'Both' },
    });
    const wanted = readAnnotation(c.doc, gone);
    const wholeThen = readAnnotationCollection(c.doc);
    deleteAnnotation(c.doc, { id: gone }, me);
    editAnnotation(c.doc, { id: keep, title: 'Kept and renamed' }, me);
    await until(async () => (await stored(t.ws, docId)) >= 6, 'the edits to be stored', 20_000);

    const latest = (await s.call('GET', `${path}/history?limit=1`, { token: writer.token })).body
      .items[0].lastSeq;
    const diff = await s.call('GET', `${path}/versions/${version.body.id}/diff/${latest}`, {
      token: writer.token,
    });
    expect(diff.body.lists.annotations.removed.map((x: { id: string }) => x.id)).toEqual([gone]);
    expect(diff.body.lists.annotations.changed).toMatchObject([
      { id: keep, fields: [{ field: 'title', from: 'Keep', to: 'Kept and renamed' }] },
    ]);
    const own = await s.call('GET', `${path}/annotations/${gone}/history`, { token: writer.token });
    expect(own.status).toBe(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(own.body.items[0].summary.annotations.deleted.ids).toContain(gone);

    const restored = await s.call('POST', `${path}/annotations/${gone}/restore`, {
      token: t.members.reviewer.token,
      body: { version: version.body.id },
    });
    expect(restored.status).toBe(200);
    await until(() => readAnnotation(c.doc, gone) !== null, 'the annotation to come back', 20_000);
    expect(readAnnotation(c.doc, gone)).toEqual(wanted);
    expect(readAnnotation(c.doc, keep)?.title).toBe('Kept and renamed');
    expect(readAnnotationCollection(c.doc).annotations).toHaveLength(2);

    // The whole collection back (the restore reads only the annotations changed since).
    const whole = await s.call('POST', `${path}/versions/${version.body.id}/restore`, {
      token: t.members.reviewer.token,
    });
    expect(whole.status).toBe(200);
    await until(
      () => readAnnotation(c.doc, keep)?.title === 'Keep',
      'the collection to be restored',
      20_000,
    );
    expect(readAnnotationCollection(c.doc)).toEqual(wholeThen);

    const docs = await s.call('GET', `/workspaces/${t.ws}/documents/${docId}`, {
      token: t.members.viewer.token,
    });
    expect(docs.body).toMatchObject({ id: docId, kind: 'annotations', title: 'Dust' });
    expect(docs.body.size).toBeGreaterThan(0);
    const list = await s.call('GET', `/workspaces/${t.ws}/documents`, { token: writer.token });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [], nextCursor: null });
  });

  it("answers another tenant's document exactly as a random id", async () => {
    const mine = await tenantWithRoles(s);
    const theirs = await tenantWithRoles(s);
    const docId = newId();
    const c = s.connect(theirs.ws, docId, { token: theirs.members.contributor.token });
    await c.synced();
    createNote(c.doc, { title: 'Secret' }, actorOrigin(theirs.members.contributor.userId));
    await until(async () => (await stored(theirs.ws, docId)) >= 1, 'their note', 20_000);
    const probe = async (ws: string, doc: string) => {
      const r = await s.call('GET', `/workspaces/${ws}/documents/${doc}/history`, {
        token: mine.admin.token,
      });
      return [r.status, r.body.error.code, r.body.error.message];
    };
    expect(await probe(theirs.ws, docId)).toEqual(await probe(newId(), newId()));
    const inMine = await s.call('GET', `/workspaces/${mine.ws}/documents/${docId}/versions`, {
      token: mine.admin.token,
    });
    expect(inMine.status).toBe(404);
    const versions = await s.call('GET', `/workspaces/${theirs.ws}/documents/${docId}/versions`, {
      token: theirs.members.viewer.token,
    });
    expect(versions.status).toBe(200);
    const openapi = await s.call('GET', '/openapi.json');
    for (const p of [
      '/workspaces/{ws}/documents',
      '/workspaces/{ws}/documents/{doc}/history',
      '/workspaces/{ws}/documents/{doc}/versions/{a}/diff/{b}',
      '/workspaces/{ws}/documents/{doc}/versions/{v}/restore',
      '/workspaces/{ws}/documents/{doc}/annotations/{id}/restore',
    ])
      expect(Object.keys(openapi.body.paths)).toContain(p);
  });
});
