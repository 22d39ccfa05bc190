// Search end to end: a real server in tenant mode, stock y-websocket clients
// writing notes and annotations with crdt-model, and the REST search route.
import {
  actorOrigin,
  addComment,
  createAnnotation,
  createAnnotationCollection,
  createDocumentEntry,
  createNote,
  createWorkspaceIndex,
  deleteAnnotation,
  editNoteText,
  restoreDocument,
  trashDocument,
  approveAnnotation,
} from '@fieldbook/crdt-model';
import { newId, type SearchHit } from '@fieldbook/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantWithRoles } from '../api/e2e/fixtures';
import { until } from '../api/e2e/rawSync';
import { startIdentityServer, type IdentityServer } from '../api/e2e/serverKit';

let s: IdentityServer;
let t: Awaited<ReturnType<typeof tenantWithRoles>>;
const T0 = Date.UTC(2026, 0, 5, 12);
let noteId: string;
let collectionId: string;
let dipId: string;
let replica: ReturnType<IdentityServer['connect']>;

beforeAll(async () => {
  s = await startIdentityServer();
  t = await tenantWithRoles(s);
  const me = t.members.contributor;
  const origin = actorOrigin(me.userId);
  const index = s.connect(t.ws, t.ws, { token: me.token });
  await index.synced();
  createWorkspaceIndex(index.doc, { name: 'Rover ops' }, origin);
  noteId = createDocumentEntry(
    index.doc,
    { kind: 'note', title: 'Heater failure', tags: ['thermal'] },
    origin,
  );
  const log = createDocumentEntry(index.doc, { kind: 'note', title: 'Daily log' }, origin);
  collectionId = createDocumentEntry(
    index.doc,
    { kind: 'annotations', title: 'Power events' },
    origin,
  );
  const note = s.connect(t.ws, noteId, { token: me.token });
  const daily = s.connect(t.ws, log, { token: me.token });
  const coll = s.connect(t.ws, collectionId, { token: me.token });
  await Promise.all([note.synced(), daily.synced(), coll.synced()]);
  createNote(
    note.doc,
    { title: 'Heater failure', text: '# Heater\nThe **survival heater** stopped overnight.' },
    origin,
  );
  createNote(
    daily.doc,
    {
      title: 'Daily log',
      text: 'Dust storm. The heater tripped, then the solar array output fell.',
    },
    origin,
  );
  createAnnotationCollection(coll.doc, { name: 'Power events' }, origin);
  dipId = createAnnotation(
    coll.doc,
    {
      kind: 'range',
      anchor: { channels: ['bus.volt'], t: T0, t2: T0 + 60_000 },
      title: 'Bus voltage dip',
      body: 'Dip during the dust storm',
      tags: ['power', 'storm'],
    },
    origin,
  );
  addComment(coll.doc, { annotationId: dipId, body: 'Same dip as sol 12' }, origin);
  replica = note;
});

afterAll(async () => {
  const leaked = s.leakedSecrets();
  await s.close();
  expect(leaked).toEqual([]);
});

const search = async (query: string, token = t.members.viewer.token, ws = t.ws) =>
  s.call('GET', `/workspaces/${ws}/search?${query}`, { token });
const hitsOf = async (query: string) => {
  const res = await search(query);
  expect(res.status).toBe(200);
  return res.body.items as SearchHit[];
};
/** Polls until the search gives what `check` wants (changes are indexed off the sync path). */
async function eventually(query: string, check: (hits: SearchHit[]) => boolean) {
  let hits: SearchHit[] = [];
  await until(async () => check((hits = await hitsOf(query))), `search ${query}`, 5000);
  return hits;
}

describe('search over synced documents', () => {
  it('finds notes, annotations and comments, title first, with marked snippets', async () => {
    const hits = await eventually('q=heater', (h) => h.length === 2);
    expect(hits.map((h) => h.title)).toEqual(['Heater failure', 'Daily log']);
    expect(hits[0]).toMatchObject({
      kind: 'note',
      documentId: noteId,
      annotationId: null,
      tags: ['thermal'],
      author: t.members.contributor.userId,
      trashed: false,
    });
    expect(hits[0]!.snippet).toBe(
      '<mark>Heater</mark> The survival <mark>heater</mark> stopped overnight.',
    );
    const storm = await eventually('q=dust%20storm', (h) => h.length === 2);
    expect(storm.map((h) => h.kind).sort()).toEqual(['annotation', 'note']);
    const comment = await eventually('q=sol', (h) => h.length === 1);
    expect(comment[0]).toMatchObject({
      kind: 'comment',
      documentId: collectionId,
      annotationId: dipId,
      title: 'Bus voltage dip',
      tags: ['power', 'storm'],
    });
    expect(comment[0]!.commentId).toEqual(expect.any(String));
  });

  it('narrows by kind, tags, author, status and time span', async () => {
    expect((await hitsOf('q=dip&kind=comment')).map((h) => h.kind)).toEqual(['comment']);
    expect((await hitsOf('q=dip&kind=annotation,comment&tags=power,storm')).length).toBe(2);
    expect(await hitsOf('q=dip&tags=thermal')).toEqual([]);
    expect((await hitsOf(`q=heater&author=${t.members.contributor.userId}`)).length).toBe(2);
    expect(await hitsOf(`q=heater&author=${t.members.admin.userId}`)).toEqual([]);
    expect(
      (await hitsOf(`q=dip&from=${new Date(T0 + 30_000).toISOString()}&to=${T0 + 90_000}`)).length,
    ).toBe(2);
    expect(await hitsOf(`q=dip&from=${T0 + 61_000}`)).toEqual([]);
    expect(await hitsOf('q=dip&status=approved')).toEqual([]);
  });

  it('follows edits, approvals, deletions, trash and restore', async () => {
    const me = t.members.contributor;
    const origin = actorOrigin(me.userId);
    editNoteText(
      replica.doc,
      { index: 0, deleteCount: 0, insert: 'Thermostat replaced. ' },
      origin,
    );
    await eventually('q=thermostat', (h) => h.length === 1);
    const reviewer = s.connect(t.ws, collectionId, { token: t.members.reviewer.token });
    await reviewer.synced();
    approveAnnotation(reviewer.doc, { id: dipId }, actorOrigin(t.members.reviewer.userId));
    await eventually('q=dip&status=approved&kind=annotation', (h) => h.length === 1);
    // Deleting an annotation is an admin's (the matrix; the server checks every update).
    const admin = s.connect(t.ws, collectionId, { token: t.members.admin.token });
    await admin.synced();
    deleteAnnotation(admin.doc, { id: dipId }, actorOrigin(t.members.admin.userId));
    await eventually('q=dip', (h) => h.length === 0);

    const index = s.connect(t.ws, t.ws, { token: me.token });
    await index.synced();
    trashDocument(index.doc, { id: noteId }, origin);
    await eventually('q=thermostat', (h) => h.length === 0);
    const trashed = await hitsOf('q=thermostat&includeTrashed=true');
    expect(trashed.map((h) => [h.documentId, h.trashed])).toEqual([[noteId, true]]);
    restoreDocument(index.doc, { id: noteId }, origin);
    await eventually('q=thermostat', (h) => h.length === 1);
  });

  it('pages with an opaque cursor and refuses a forged one', async () => {
    const first = await search('q=heater&limit=1');
    expect(first.body.items).toHaveLength(1);
    const second = await search(`q=heater&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].documentId).not.toBe(first.body.items[0].documentId);
    expect(second.body.nextCursor).toBeNull();
    expect((await search('q=heater&cursor=abc')).status).toBe(400);
    expect((await search(`q=storm&cursor=${first.body.nextCursor}`)).status).toBe(200);
  });

  it('answers hostile queries with 200 or 400, never an error of the server', async () => {
    const hostile = [
      '"',
      '((',
      'NEAR(a b)',
      'a NEAR b',
      '*',
      '-',
      '-*',
      '"unclosed',
      'x'.repeat(10_000),
      'a\u0000b',
      '\u0000',
      'OR',
      'AND NOT',
      '^title:x',
      'title:heater',
      '{body}:x',
      "'; drop table search_fts; --",
      '-heater',
      '🙂*',
    ];
    const raw = ['%ED%A0%80', '%FF%FE', '%00%00', '%', '%ZZ'];
    for (const q of [...hostile.map(encodeURIComponent), ...raw]) {
      const res = await search(`q=${q}`);
      expect([200, 400], `${q.slice(0, 20)}: ${res.status}`).toContain(res.status);
      if (res.status === 400) expect(res.body.error.code).toBe('VALIDATION_ERROR');
    }
    expect((await search('q=heater&kind=bogus')).status).toBe(400);
    expect((await search('q=heater&from=yesterday')).status).toBe(400);
    expect((await search('q=heater&limit=1000')).status).toBe(400);
  });

  it("keeps tenants apart: another tenant's workspace is a 404, its words never appear", async () => {
    const other = await tenantWithRoles(s);
    const res = await search('q=heater', other.admin.token);
    expect(res.status).toBe(404);
    const random = await search('q=heater', other.admin.token, newId());
    expect(res.body.error).toEqual({ ...random.body.error, requestId: res.body.error.requestId });
    const own = await search('q=heater', other.admin.token, other.ws);
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([]);
  });

  it('rebuilds on demand (admin only) and reports progress until ready', async () => {
    expect(
      (
        await s.call('POST', `/workspaces/${t.ws}/search/rebuild`, {
          token: t.members.reviewer.token,
        })
      ).status,
    ).toBe(403);
    const started = await s.call('POST', `/workspaces/${t.ws}/search/rebuild`, {
      token: t.admin.token,
    });
    expect(started.status).toBe(202);
    expect(['building', 'ready']).toContain(started.body.state);
    await until(
      async () =>
        (
          await s.call('GET', `/workspaces/${t.ws}/search/status`, {
            token: t.members.viewer.token,
          })
        ).body.state === 'ready',
      'rebuild',
    );
    expect((await hitsOf('q=heater')).length).toBe(2);
  });
});
