import {
  actorOrigin,
  addComment,
  createAnnotation,
  createAnnotationCollection,
  createDocumentEntry,
  createNote,
  createWorkspaceIndex,
  restoreDocument,
  trashDocument,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantWithRoles } from '../api/e2e/fixtures';
import { until } from '../api/e2e/rawSync';
import { startIdentityServer, type IdentityServer } from '../api/e2e/serverKit';

let s: IdentityServer;
let t: Awaited<ReturnType<typeof tenantWithRoles>>;
beforeAll(async () => {
  s = await startIdentityServer();
  t = await tenantWithRoles(s);
});
afterAll(async () => {
  const leaked = s.leakedSecrets();
  await s.close();
  expect(leaked).toEqual([]);
});

interface Item {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: { docId: string | null; annotationId: string | null };
  readAt: number | null;
}

const list = async (token: string) =>
  (await s.call('GET', '/notifications', { token })).body as { items: Item[]; unread: number };

/** Reads a notification SSE stream with a bearer header, as the app does. */
function stream(token: string) {
  const notices: { type: string; unread: number; notification?: Item }[] = [];
  const abort = new AbortController();
  void (async () => {
    const res = await fetch(`http://127.0.0.1:${s.port}/api/v1/notifications/stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body!) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .find((l) => l.startsWith('data:'));
        buffer = buffer.slice(end + 2);
        if (data) notices.push(JSON.parse(data.slice(5)));
      }
    }
  })().catch(() => {});
  return { notices, close: () => abort.abort() };
}

describe('notifications', () => {
  it('tells a mentioned member live, and lets them mark read and delete', async () => {
    const viewer = t.members.viewer;
    const live = stream(viewer.token);
    await until(async () => live.notices.length > 0, 'the stream to open');
    expect(live.notices[0]).toEqual({ type: 'unread', unread: 0 });

    const author = t.members.contributor;
    const docId = newId();
    const client = s.connect(t.ws, docId, { token: author.token });
    await client.synced();
    const origin = actorOrigin(author.userId);
    createAnnotationCollection(client.doc, { name: 'Wheel currents' }, origin);
    const annotationId = createAnnotation(
      client.doc,
      { kind: 'point', anchor: { channels: ['wheel.current'], t: 1000, y: 2 }, title: 'Spike' },
      origin,
    );
    addComment(client.doc, { annotationId, body: 'Look at this, @viewer and @nobody' }, origin);

    await until(async () => live.notices.some((n) => n.type === 'notification'), 'a live notice');
    const notice = live.notices.find((n) => n.type === 'notification')!;
    expect(notice.unread).toBe(1);
    expect(notice.notification).toMatchObject({
      kind: 'mention',
      body: 'Look at this, @viewer and @nobody',
      link: { docId, annotationId },
    });
    expect((await list(author.token)).items).toEqual([]);

    const mine = await list(viewer.token);
    expect(mine.unread).toBe(1);
    const id = mine.items[0]!.id;
    expect(await s.call('DELETE', `/notifications/${id}`, { token: author.token })).toMatchObject({
      status: 404,
    });
    const read = await s.call('POST', '/notifications/read', {
      token: viewer.token,
      body: { ids: [id] },
    });
    expect(read.body).toEqual({ unread: 0 });
    await until(async () => live.notices.at(-1)?.type === 'unread', 'the unread count live');
    expect((await list(viewer.token)).items[0]!.readAt).toEqual(expect.any(Number));
    expect((await s.call('DELETE', `/notifications/${id}`, { token: viewer.token })).status).toBe(
      204,
    );
    expect((await list(viewer.token)).items).toEqual([]);
    live.close();
  });

  it('tells whoever has a document open that it was trashed and restored, and a member that their role changed', async () => {
    const editor = t.members.reviewer;
    const reader = t.members.viewer;
    const index = s.connect(t.ws, t.ws, { token: editor.token });
    await index.synced();
    const origin = actorOrigin(editor.userId);
    createWorkspaceIndex(index.doc, { name: 'Lab' }, origin);
    const noteId = createDocumentEntry(index.doc, { kind: 'note', title: 'Run 7' }, origin);
    const made = s.connect(t.ws, noteId, { token: editor.token });
    await made.synced();
    createNote(made.doc, { title: 'Run 7' }, origin);
    await until(
      async () => (await s.server.store.logStats({ workspaceId: t.ws, docId: noteId })).lastSeq > 0,
      'the note to be stored',
    );
    const open = s.connect(t.ws, noteId, { token: reader.token });
    await open.synced();
    trashDocument(index.doc, { id: noteId }, origin);
    await until(
      async () => (await list(reader.token)).items.some((n) => n.kind === 'document.trashed'),
      'the trash notification',
    );
    expect((await list(reader.token)).items[0]).toMatchObject({ link: { docId: noteId } });
    expect((await list(editor.token)).items.some((n) => n.kind === 'document.trashed')).toBe(false);
    restoreDocument(index.doc, { id: noteId }, origin);
    await until(
      async () => (await list(reader.token)).items.some((n) => n.kind === 'document.restored'),
      'the restore notification',
    );
    expect((await list(reader.token)).items[0]).toMatchObject({
      kind: 'document.restored',
      title: 'A document you have open was restored',
      link: { docId: noteId },
    });
    expect((await list(editor.token)).items.some((n) => n.kind === 'document.restored')).toBe(
      false,
    );

    await s.call('PATCH', `/workspaces/${t.ws}/members/${t.members.contributor.userId}`, {
      token: t.admin.token,
      body: { role: 'reviewer' },
    });
    await until(
      async () =>
        (await list(t.members.contributor.token)).items.some((n) => n.kind === 'role.changed'),
      'the role notification',
    );
    expect((await list(t.members.contributor.token)).items[0]!.title).toBe(
      'Your role is now reviewer',
    );
    const all = await s.call('POST', '/notifications/read', {
      token: t.members.contributor.token,
      body: { all: true },
    });
    expect(all.body).toEqual({ unread: 0 });
  });
});
