// Approvals that mean something, end to end: a tenant-mode server, stock clients
// writing through crdt-model, the approval lock, reopen, and the workspace
// setting that asks approvers for their password (a signing token).
import {
  actorOrigin,
  approveAnnotation,
  createAnnotation,
  createAnnotationCollection,
  editAnnotation,
  readApproval,
  reopenAnnotation,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { tenantWithRoles } from '../api/e2e/fixtures';
import { until } from '../api/e2e/rawSync';
import { startIdentityServer, type IdentityServer } from '../api/e2e/serverKit';

const PASSWORD = 'e2e password 12345';
let s: IdentityServer;
let t: Awaited<ReturnType<typeof tenantWithRoles>>;
let collectionId: string;
let annotationId: string;
let author: ReturnType<IdentityServer['connect']>;

const annotationOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('annotations').get(annotationId)!;
const onServer = () =>
  annotationOf(s.server.sync.registry.get({ workspaceId: t.ws, docId: collectionId })!.doc);
const settle = () => new Promise((r) => setTimeout(r, 300));

async function reviewer() {
  const r = s.connect(t.ws, collectionId, { token: t.members.reviewer.token });
  await r.synced();
  return { doc: r.doc, origin: actorOrigin(t.members.reviewer.userId) };
}

beforeAll(async () => {
  s = await startIdentityServer();
  t = await tenantWithRoles(s);
  collectionId = newId();
  author = s.connect(t.ws, collectionId, { token: t.members.contributor.token });
  await author.synced();
  const me = actorOrigin(t.members.contributor.userId);
  createAnnotationCollection(author.doc, { name: 'Events' }, me);
  annotationId = createAnnotation(
    author.doc,
    { kind: 'point', anchor: { channels: ['a'], t: 1, y: 2 }, title: 'Dip' },
    me,
  );
  await until(
    () =>
      s.server.sync.registry
        .get({ workspaceId: t.ws, docId: collectionId })
        ?.doc.getMap('annotations').size === 1,
    'the annotation on the server',
  );
});
afterAll(() => s.close());

describe('approvals', () => {
  it('record who, when, the meaning and the content hash, lock the content, and reopen', async () => {
    const r = await reviewer();
    approveAnnotation(r.doc, { id: annotationId }, r.origin);
    await until(() => annotationOf(author.doc).get('status') === 'approved', 'the approval');
    expect(readApproval(annotationOf(author.doc))).toMatchObject({
      by: t.members.reviewer.userId,
      meaning: 'reviewed and approved',
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    editAnnotation(
      author.doc,
      { id: annotationId, title: 'Changed after approval' },
      actorOrigin(t.members.contributor.userId),
    );
    editAnnotation(r.doc, { id: annotationId, title: 'Reviewer too' }, r.origin);
    await settle();
    expect(onServer().get('title')).toBe('Dip');
    // A replica holding refused edits builds on them; a fresh one reopens (the app resets its replicas).
    const fresh = await reviewer();
    reopenAnnotation(fresh.doc, { id: annotationId }, fresh.origin);
    await until(() => onServer().get('status') === 'draft', 'the reopen');
    expect(onServer().get('reopened')).toMatchObject({ by: t.members.reviewer.userId });
    const audit = await s.call('GET', '/audit?action=sync.refusedWrite', { token: t.admin.token });
    expect(audit.body.items.length).toBeGreaterThanOrEqual(1);
  });

  it('ask for the password again when the workspace says so', async () => {
    // A reviewer whose socket was open before the setting changed is held to it too.
    const early = await reviewer();
    const path = `/workspaces/${t.ws}`;
    const body = { approvalsNeedPassword: true };
    expect((await s.call('PATCH', path, { token: t.members.reviewer.token, body })).status).toBe(
      403,
    );
    const set = await s.call('PATCH', path, { token: t.admin.token, body });
    expect(set.body.approvalsNeedPassword).toBe(true);

    await settle();
    const before = Y_status();
    approveAnnotation(early.doc, { id: annotationId }, early.origin);
    await settle();
    expect(Y_status()).toBe(before);

    const wrong = await s.call('POST', '/auth/signing-token', {
      token: t.members.reviewer.token,
      body: { password: 'not it' },
    });
    expect(wrong.status).toBe(401);
    const issued = await s.call('POST', '/auth/signing-token', {
      token: t.members.reviewer.token,
      body: { password: PASSWORD },
    });
    expect(issued.status).toBe(200);
    const signed = await reviewer();
    approveAnnotation(
      signed.doc,
      { id: annotationId, signingToken: issued.body.signingToken },
      signed.origin,
    );
    await until(() => onServer().get('status') === 'approved', 'the signed approval');
    expect(readApproval(onServer())?.signingToken).toBe(issued.body.signingToken);
  });
});

function Y_status(): unknown {
  return onServer().get('status');
}
