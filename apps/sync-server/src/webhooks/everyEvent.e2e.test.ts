// Every event of issue 17's list, caused the way people and agents cause it —
// REST calls, stock y-websocket clients, a real `fieldbook-agent run rover`
// process — and delivered to a real HTTP receiver on loopback by a webhook
// subscribed to all of them. Also: the hazardous command's approval request
// reaches the other operator (and not the requester).
import {
  actorOrigin,
  addComment,
  approveAnnotation,
  createAnnotation,
  createAnnotationCollection,
  createDocumentEntry,
  createNote,
  createWorkspaceIndex,
  deleteAnnotation,
  editAnnotation,
  reopenAnnotation,
  restoreDocument,
  trashDocument,
} from '@fieldbook/crdt-model';
import { WEBHOOK_EVENTS, newId, type WebhookPayload } from '@fieldbook/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { E2E_PASSWORD } from '../api/e2e/fixtures';
import { startIdentityServer, type IdentityServer } from '../api/e2e/serverKit';
import {
  commandIn,
  instrumentId,
  operatorsTenant,
  scratch,
  spawnAgent,
  until,
  type AgentProcess,
} from '../instruments/e2e/instrumentKit';
import { startReceiver } from './testing/receiver';

let s: IdentityServer;
let t: Awaited<ReturnType<typeof operatorsTenant>>;
let rx: Awaited<ReturnType<typeof startReceiver>>;
let agent: AgentProcess;
let buffer: ReturnType<typeof scratch>;
beforeAll(async () => {
  rx = await startReceiver();
  s = await startIdentityServer({}, { WEBHOOK_ALLOW_HOSTS: '127.0.0.1', WEBHOOK_POLL_MS: '20' });
  t = await operatorsTenant(s);
  buffer = scratch('fb-every-event-');
  agent = spawnAgent('rover', { port: s.port, key: t.agentKey, bufferDir: buffer.dir });
  await agent.connected();
}, 30_000);
afterAll(async () => {
  await agent?.kill('SIGTERM');
  await s?.close();
  await rx?.close();
  buffer?.cleanup();
});

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- payload data is open JSON
const payloads = () =>
  rx.received.filter((r) => r.path === '/all').map((r) => JSON.parse(r.body) as WebhookPayload);
/** Waits for a delivery of `event` whose data passes `about`; answers it. */
async function delivered(event: string, about: (d: Data) => boolean) {
  let found: WebhookPayload | undefined;
  await until(
    () => !!(found = payloads().find((p) => p.event === event && about(p.data as Data))),
    `a ${event} delivery (got ${payloads().map((p) => p.event)})`,
  );
  return found!;
}

it('emits every listed event to a webhook subscribed to all of them', async () => {
  const events = WEBHOOK_EVENTS.filter((e) => e !== 'webhook.ping');
  const hook = await s.call('POST', `/workspaces/${t.ws}/webhooks`, {
    token: t.admin.token,
    body: { url: rx.url('/all'), events },
  });
  expect(hook.status).toBe(201);
  s.secrets.add(hook.body.secret);
  const { contributor, reviewer, viewer } = t.members;
  const user = (id: string) => (d: Data) => d.resource?.type === 'user' && d.resource.id === id;

  // Members: joining by invitation, a role change, removal, adding back.
  const inv = await s.call('POST', `/workspaces/${t.ws}/invitations`, {
    token: t.admin.token,
    body: { role: 'viewer' },
  });
  const joined = await s.call('POST', '/invitations/accept', {
    body: {
      token: inv.body.token,
      email: `new-${newId()}@e2e.test`,
      password: E2E_PASSWORD,
      name: 'New',
    },
  });
  expect(joined.status).toBe(200);
  const newcomer = joined.body.userId as string;
  await delivered('member.added', user(newcomer));
  const member = (method: string, body?: unknown) =>
    s.call(method, `/workspaces/${t.ws}/members${method === 'POST' ? '' : `/${newcomer}`}`, {
      token: t.admin.token,
      body,
    });
  expect((await member('PATCH', { role: 'contributor' })).status).toBe(200);
  await delivered('member.roleChanged', (d) => user(newcomer)(d) && d.to?.role === 'contributor');
  expect((await member('DELETE')).status).toBe(204);
  await delivered('member.removed', user(newcomer));
  expect((await member('POST', { userId: newcomer, role: 'viewer' })).status).toBe(201);
  await until(
    () => payloads().filter((p) => p.event === 'member.added' && user(newcomer)(p.data)).length > 1,
    'member.added for the one added back',
  );

  // Documents: created by sync, trashed and restored in the workspace index.
  const by = actorOrigin(contributor.userId);
  const index = s.connect(t.ws, t.ws, { token: contributor.token });
  await index.synced();
  createWorkspaceIndex(index.doc, { name: 'Lab' }, by);
  const noteId = createDocumentEntry(index.doc, { kind: 'note', title: 'Run 7' }, by);
  const note = s.connect(t.ws, noteId, { token: contributor.token });
  await note.synced();
  createNote(note.doc, { title: 'Run 7' }, by);
  const doc = (id: string) => (d: Data) => d.resource?.id === id;
  await delivered('document.created', doc(noteId));
  trashDocument(index.doc, { id: noteId }, by);
  await delivered('document.trashed', doc(noteId));
  restoreDocument(index.doc, { id: noteId }, by);
  await delivered('document.restored', doc(noteId));

  // Annotations and comments, by a contributor, a reviewer and the admin.
  const docId = newId();
  const author = s.connect(t.ws, docId, { token: contributor.token });
  await author.synced();
  createAnnotationCollection(author.doc, { name: 'Wheel currents' }, by);
  const point = { kind: 'point' as const, anchor: { channels: ['wheel.current'], t: 1, y: 2 } };
  const id = createAnnotation(author.doc, { ...point, title: 'Spike' }, by);
  const about = (d: Data) => d.docId === docId && d.annotation?.id === id;
  await delivered('annotation.created', about);
  editAnnotation(author.doc, { id, title: 'Spike on wheel 2' }, by);
  await delivered(
    'annotation.updated',
    (d) => about(d) && d.annotation.title === 'Spike on wheel 2',
  );
  addComment(author.doc, { annotationId: id, body: 'Seen twice' }, by);
  await delivered('comment.created', (d) => about(d) && d.comment?.body === 'Seen twice');
  const review = s.connect(t.ws, docId, { token: reviewer.token });
  await review.synced();
  approveAnnotation(review.doc, { id }, actorOrigin(reviewer.userId));
  await delivered('annotation.approved', (d) => about(d) && d.annotation.status === 'approved');
  reopenAnnotation(review.doc, { id }, actorOrigin(reviewer.userId));
  await delivered('annotation.reopened', (d) => about(d) && d.annotation.status === 'draft');

  // A version restored over REST (the deletion after it is undone by the restore).
  const path = `/workspaces/${t.ws}/documents/${docId}`;
  const named = await s.call('POST', `${path}/versions`, {
    token: contributor.token,
    body: { name: 'Before the deletion' },
  });
  expect(named.status).toBe(201);
  const lead = s.connect(t.ws, docId, { token: t.admin.token });
  await lead.synced();
  deleteAnnotation(lead.doc, { id }, actorOrigin(t.admin.userId));
  await delivered('annotation.deleted', (d) => d.docId === docId && d.annotation?.id === id);
  const restored = await s.call('POST', `${path}/versions/${named.body.id}/restore`, {
    token: reviewer.token,
  });
  expect(restored.status).toBe(200);
  await delivered('version.restored', doc(docId));

  // A hazardous command: requested, awaiting a second operator, approved, completed by the agent.
  const rover = await instrumentId(s, t.admin.token, t.ws, 'rover');
  const command = (body: unknown) =>
    s.call('POST', `/instruments/${rover}/commands`, { token: contributor.token, body });
  const drill = await command({ command: 'drill.arm', params: { depthCm: 4 } });
  expect(drill.body.state).toBe('awaiting_approval');
  const cmd = (d: Data) => d.resource?.id === drill.body.id;
  await delivered('command.requested', cmd);
  await delivered('command.awaitingApproval', cmd);
  const asks = async (token: string) =>
    ((await s.call('GET', '/notifications', { token })).body.items as { kind: string }[]).filter(
      (n) => n.kind === 'approval.command',
    );
  await until(async () => (await asks(reviewer.token)).length === 1, 'the approval request');
  expect(await asks(contributor.token)).toEqual([]);
  expect(await asks(viewer.token)).toEqual([]);
  const ok = await s.call('POST', `/commands/${drill.body.id}/approve`, { token: reviewer.token });
  expect(ok.status).toBe(200);
  await commandIn(s, t.admin.token, drill.body.id, ['succeeded']);
  await delivered('command.completed', (d) => cmd(d) && d.to === 'succeeded');

  // A run started by command, finished by the agent.
  const run = await command({
    command: 'run.start',
    params: { protocol: 'traverse', durationSec: 1 },
  });
  expect(run.status).toBe(201);
  await delivered('run.finished', (d) => d.resource?.type === 'run' && d.status === 'completed');

  // alert.fired is delivered in alerts.e2e.test.ts; everything else came here.
  const seen = new Set(payloads().map((p) => p.event));
  expect(events.filter((e) => e !== 'alert.fired' && !seen.has(e))).toEqual([]);
  for (const p of payloads()) expect(p.workspace.id).toBe(t.ws);
}, 90_000);
