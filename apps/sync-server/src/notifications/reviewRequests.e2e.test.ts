// Review requests from real sync traffic: stock y-websocket clients add
// annotations to a collection on a real server; the workspace setting
// "annotations need review" decides whether the approvers hear of them.
import {
  actorOrigin,
  addComment,
  createAnnotation,
  createAnnotationCollection,
  editAnnotation,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
  await s?.close();
});

interface Item {
  kind: string;
  title: string;
  link: { workspaceId: string; docId: string | null; annotationId: string | null };
}
const list = async (token: string) =>
  ((await s.call('GET', '/notifications', { token })).body as { items: Item[] }).items;
const reviews = async (token: string) =>
  (await list(token)).filter((n) => n.kind === 'approval.annotation');
const point = (title: string) => ({
  kind: 'point' as const,
  anchor: { channels: ['wheel.current'], t: Date.now(), y: 2 },
  title,
});

it('only admins switch review on; then a contributor’s new annotation asks each approver once', async () => {
  const { contributor, reviewer, viewer } = t.members;
  const setting = (token: string, on: boolean) =>
    s.call('PATCH', `/workspaces/${t.ws}`, { token, body: { annotationsNeedReview: on } });
  expect((await s.call('GET', `/workspaces/${t.ws}`, { token: viewer.token })).body).toMatchObject({
    annotationsNeedReview: false,
  });
  for (const token of [contributor.token, reviewer.token]) {
    const refused = await setting(token, true);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('AUTH_INSUFFICIENT_PERMISSIONS');
  }

  const docId = newId();
  const author = s.connect(t.ws, docId, { token: contributor.token });
  await author.synced();
  const by = actorOrigin(contributor.userId);
  createAnnotationCollection(author.doc, { name: 'Wheel currents' }, by);
  // Review off: nothing. The mention after it travels the same ordered queue,
  // so once the viewer has it the annotation's event has been handled too.
  const quiet = createAnnotation(author.doc, point('Unreviewed spike'), by);
  addComment(author.doc, { annotationId: quiet, body: '@viewer fyi' }, by);
  await until(async () => (await list(viewer.token)).length > 0, 'the mention');

  const on = await setting(t.admin.token, true);
  expect(on.status).toBe(200);
  expect(on.body).toMatchObject({ annotationsNeedReview: true, approvalsNeedPassword: false });
  const audit = await s.call('GET', `/audit?action=workspace.reviewSettings&workspaceId=${t.ws}`, {
    token: t.admin.token,
  });
  expect(audit.body.items).toEqual([
    expect.objectContaining({ summary: { annotationsNeedReview: true } }),
  ]);

  const reviewerDoc = s.connect(t.ws, docId, { token: reviewer.token });
  await reviewerDoc.synced();
  // A reviewer's own annotation needs nobody else: they may approve it themselves.
  createAnnotation(reviewerDoc.doc, point('Reviewer’s own'), actorOrigin(reviewer.userId));
  const asked = createAnnotation(author.doc, point('Brake spike'), by);
  for (let i = 0; i < 5; i++)
    editAnnotation(author.doc, { id: asked, title: `Brake spike ${i}` }, by);
  for (const token of [reviewer.token, t.admin.token]) {
    await until(async () => (await reviews(token)).length > 0, 'the review request');
  }
  // The edits and the reviewer's annotation went first through the same queue as a later mention.
  addComment(author.doc, { annotationId: asked, body: '@viewer done' }, by);
  await until(async () => (await list(viewer.token)).length > 1, 'the second mention');

  for (const token of [reviewer.token, t.admin.token]) {
    expect(await reviews(token)).toEqual([
      expect.objectContaining({
        title: expect.stringMatching(/^Review needed: “Brake spike/),
        link: expect.objectContaining({
          workspaceId: t.ws,
          docId,
          annotationId: asked,
          at: { from: expect.any(Number), to: expect.any(Number) },
        }),
      }),
    ]);
  }
  expect(await reviews(contributor.token)).toEqual([]);
  expect(await reviews(viewer.token)).toEqual([]);
});
