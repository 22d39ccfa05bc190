import type * as Y from 'yjs';
import {
  actorOrigin,
  createDocumentEntry,
  createNote,
  createWorkspaceIndex,
  noteBody,
} from '@fieldbook/crdt-model';
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
  await s.close();
});

interface Item {
  kind: string;
  title: string;
  body: string;
  actor: { id: string } | null;
  link: { docId: string | null; page: string };
}

const mentionsOf = async (token: string) =>
  ((await s.call('GET', '/notifications', { token })).body.items as Item[]).filter(
    (n) => n.kind === 'mention',
  );

/** Types `text` at `at` one character per transaction, as an editor binding sends keystrokes. */
async function type(doc: Y.Doc, at: number, text: string, origin: unknown) {
  for (const [i, ch] of [...text].entries()) {
    doc.transact(() => noteBody(doc).insert(at + i, ch), origin);
    if (i % 4 === 0) await new Promise((r) => setTimeout(r, 5));
  }
}

describe('mentions in notes', () => {
  it('tells a member once per new @mention, never for an old one kept, never the typist, never from a viewer', async () => {
    const { contributor, viewer, reviewer, admin } = t.members;
    const origin = actorOrigin(contributor.userId);
    const index = s.connect(t.ws, t.ws, { token: contributor.token });
    await index.synced();
    createWorkspaceIndex(index.doc, { name: 'Lab' }, origin);
    const noteId = createDocumentEntry(index.doc, { kind: 'note', title: 'Run 7' }, origin);
    const writer = s.connect(t.ws, noteId, { token: contributor.token });
    await writer.synced();
    createNote(writer.doc, { title: 'Run 7' }, origin);

    // Typed key by key: `@vi`, `@vie`… on the way name nobody; the finished mention, one member.
    await type(writer.doc, 0, 'Wheel current spikes at 12 s.\n@viewer please check', origin);
    await until(async () => (await mentionsOf(viewer.token)).length > 0, 'the mention', 10_000);
    const [first] = await mentionsOf(viewer.token);
    expect(first).toMatchObject({
      // Named as people see them in the app (the fixture names each member by role), not by e-mail.
      title: 'contributor mentioned you in “Run 7”',
      body: '@viewer please check',
      actor: { id: contributor.userId },
      link: { docId: noteId, page: 'document' },
    });

    // An edit that keeps the old mention; a new mention of another member, twice, and of the typist.
    const body = noteBody(writer.doc);
    await type(writer.doc, 0, 'Draft. ', origin);
    await type(
      writer.doc,
      body.length,
      '\nAlso @reviewer: compare with run 6, @reviewer. Noted by @contributor.',
      origin,
    );
    await until(async () => (await mentionsOf(reviewer.token)).length > 0, 'the second mention');

    // A viewer's edit is refused by the server, so its mention tells nobody.
    const reader = s.connect(t.ws, noteId, { token: viewer.token });
    await reader.synced();
    reader.doc.transact(
      () => noteBody(reader.doc).insert(0, '@admin look here\n'),
      actorOrigin(viewer.userId),
    );
    // Then a writer's mention: once it is told, everything before it was evaluated.
    await type(writer.doc, body.length, '\nThanks @admin', origin);
    await until(async () => (await mentionsOf(admin.token)).length > 0, 'the third mention');

    expect(await mentionsOf(viewer.token)).toHaveLength(1);
    expect(await mentionsOf(reviewer.token)).toHaveLength(1);
    expect((await mentionsOf(reviewer.token))[0]!.body).toBe(
      'Also @reviewer: compare with run 6, @reviewer. Noted by @contributor.',
    );
    expect(await mentionsOf(contributor.token)).toEqual([]);
    const told = await mentionsOf(admin.token);
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toBe('Thanks @admin');
    expect(body.toString()).not.toContain('@admin look here');
  });
});
