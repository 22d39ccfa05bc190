// Annotation events from real sync traffic: stock y-websocket clients edit an
// annotation collection on a real server and a real receiver counts what the
// webhooks deliver. A replica that reconnects after offline work sends its
// whole delete set, others' old deletions included; those are not its changes.
import {
  actorOrigin,
  createAnnotation,
  createAnnotationCollection,
  deleteAnnotation,
  editAnnotation,
  readAnnotation,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tenantWithRoles } from '../api/e2e/fixtures';
import { until } from '../api/e2e/rawSync';
import { startIdentityServer, type IdentityServer } from '../api/e2e/serverKit';
import { startReceiver } from './testing/receiver';

let s: IdentityServer;
let t: Awaited<ReturnType<typeof tenantWithRoles>>;
let rx: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  rx = await startReceiver();
  s = await startIdentityServer({}, { WEBHOOK_ALLOW_HOSTS: '127.0.0.1', WEBHOOK_POLL_MS: '20' });
  t = await tenantWithRoles(s);
});
afterAll(async () => {
  await s?.close();
  await rx?.close();
});

const point = (title: string) => ({
  kind: 'point' as const,
  anchor: { channels: ['bus.volt'], t: Date.now(), y: 28 },
  title,
});

/** The annotation events delivered so far, as `event title-or-id`, in order. */
function delivered(): string[] {
  return rx.received
    .filter((r) => r.path === '/annotations')
    .map((r) => JSON.parse(r.body) as { event: string; data: { annotation: { id: string } } })
    .map((e) => `${e.event} ${e.data.annotation.id}`);
}

it('a reconnect after offline work is one update event, not the deletions it learned online', async () => {
  const hook = await s.call('POST', `/workspaces/${t.ws}/webhooks`, {
    token: t.admin.token,
    body: {
      url: rx.url('/annotations'),
      events: ['annotation.created', 'annotation.updated', 'annotation.deleted'],
    },
  });
  expect(hook.status).toBe(201);
  s.secrets.add(hook.body.secret);

  const docId = newId();
  const author = s.connect(t.ws, docId, { token: t.members.contributor.token });
  await author.synced();
  const byAuthor = actorOrigin(t.members.contributor.userId);
  createAnnotationCollection(author.doc, { name: 'Bus events' }, byAuthor);
  const kept = createAnnotation(author.doc, point('Bus dip'), byAuthor);
  const dropped = createAnnotation(author.doc, point('Sensor glitch'), byAuthor);

  const lead = s.connect(t.ws, docId, { token: t.admin.token });
  await lead.synced();
  deleteAnnotation(lead.doc, { id: dropped }, actorOrigin(t.admin.userId));
  await until(() => readAnnotation(author.doc, dropped) === null, 'the author to see the deletion');
  const online = [`annotation.created ${kept}`, `annotation.created ${dropped}`];
  await until(() => delivered().length === 3, 'three events', 10_000);
  expect(delivered()).toEqual([...online, `annotation.deleted ${dropped}`]);

  // The author goes offline, retitles their annotation, and comes back: the server takes
  // the edit (the deletion it resends is not the author's) and tells of that edit only.
  author.provider.disconnect();
  editAnnotation(author.doc, { id: kept, title: 'Bus dip at sol 1204' }, byAuthor);
  author.provider.connect();
  await until(() => readAnnotation(lead.doc, kept)?.title === 'Bus dip at sol 1204', 'the edit');
  await until(() => delivered().length >= 4, 'the edit event', 10_000);
  await new Promise((r) => setTimeout(r, 500));
  expect(s.logs.filter((l) => l.includes('write refused'))).toEqual([]);
  expect(delivered()).toEqual([
    ...online,
    `annotation.deleted ${dropped}`,
    `annotation.updated ${kept}`,
  ]);
});

it('summarises a burst of keystroke edits into one annotation.updated with the final state', async () => {
  const hook = await s.call('POST', `/workspaces/${t.ws}/webhooks`, {
    token: t.admin.token,
    body: { url: rx.url('/burst'), events: ['annotation.updated'] },
  });
  s.secrets.add(hook.body.secret);
  const docId = newId();
  const author = s.connect(t.ws, docId, { token: t.members.contributor.token });
  await author.synced();
  const by = actorOrigin(t.members.contributor.userId);
  createAnnotationCollection(author.doc, { name: 'Bus events' }, by);
  const id = createAnnotation(author.doc, point('B'), by);
  const title = 'Bus dip at sol 1204';
  for (let i = 2; i <= title.length; i++) {
    editAnnotation(author.doc, { id, title: title.slice(0, i) }, by);
    await new Promise((r) => setTimeout(r, 20));
  }
  const burst = () => rx.received.filter((r) => r.path === '/burst');
  await until(() => burst().length > 0, 'the summarised edit', 10_000);
  await new Promise((r) => setTimeout(r, 2500));
  expect(burst()).toHaveLength(1);
  const payload = JSON.parse(burst()[0]!.body);
  expect(payload.data.annotation).toMatchObject({ id, title });
  expect(payload.data.edits).toBeGreaterThan(1);
});
