import {
  actorOrigin,
  approveAnnotation,
  createAnnotation,
  createAnnotationCollection,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantWithRoles } from '../api/e2e/fixtures';
import { until } from '../api/e2e/rawSync';
import { startIdentityServer, type IdentityServer } from '../api/e2e/serverKit';
import { startReceiver } from '../webhooks/testing/receiver';

let s: IdentityServer;
let t: Awaited<ReturnType<typeof tenantWithRoles>>;
let rx: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  rx = await startReceiver();
  s = await startIdentityServer({}, { WEBHOOK_ALLOW_HOSTS: '127.0.0.1', WEBHOOK_POLL_MS: '20' });
  t = await tenantWithRoles(s);
});
afterAll(async () => {
  await s.close();
  await rx.close();
});

const spike = (title: string, tags: string[], t0: number) => ({
  kind: 'point' as const,
  anchor: { channels: ['wheel.current'], t: t0, y: 2 },
  title,
  tags,
});

describe('alert rules', () => {
  it('fires once per threshold crossing: webhook, notification to a role, audit entry', async () => {
    const hook = await s.call('POST', `/workspaces/${t.ws}/webhooks`, {
      token: t.admin.token,
      body: { url: rx.url('/alerts'), events: ['alert.fired'] },
    });
    s.secrets.add(hook.body.secret);
    const denied = await s.call('POST', `/workspaces/${t.ws}/alert-rules`, {
      token: t.members.reviewer.token,
      body: { name: 'x', condition: {} },
    });
    expect(denied.status).toBe(403);
    const rule = await s.call('POST', `/workspaces/${t.ws}/alert-rules`, {
      token: t.admin.token,
      body: {
        name: 'Wheel current anomalies',
        condition: { tags: ['anomaly'], keywords: ['current'], channels: ['wheel.current'] },
        threshold: { count: 2, windowMs: 3_600_000 },
        actions: { notifyRoles: ['reviewer'], webhook: true },
      },
    });
    expect(rule.status).toBe(201);
    const muted = await s.call('POST', `/workspaces/${t.ws}/alert-rules`, {
      token: t.admin.token,
      body: {
        name: 'Muted',
        condition: { tags: ['anomaly'] },
        muted: true,
        actions: { notifyRoles: ['reviewer'] },
      },
    });
    expect(muted.status).toBe(201);

    const author = t.members.contributor;
    const client = s.connect(t.ws, newId(), { token: author.token });
    await client.synced();
    const origin = actorOrigin(author.userId);
    createAnnotationCollection(client.doc, { name: 'Wheel currents' }, origin);
    const now = Date.now();
    createAnnotation(client.doc, spike('Current spike on wheel 2', ['anomaly'], now), origin);
    createAnnotation(client.doc, spike('Dust on the lens', ['anomaly'], now), origin);
    const firings = async () =>
      (await s.call('GET', `/alert-rules/${rule.body.id}/firings`, { token: t.admin.token })).body
        .items as { count: number; annotations: { title: string }[] }[];
    await until(async () => (await s.server.alerts.settled(), true), 'evaluations');
    expect(await firings()).toEqual([]);

    const second = createAnnotation(
      client.doc,
      spike('Current spike again', ['anomaly'], now),
      origin,
    );
    await until(async () => (await firings()).length === 1, 'the firing', 10_000);
    createAnnotation(client.doc, spike('Third current spike', ['anomaly'], now), origin);
    approveAnnotation(client.doc, { id: second }, actorOrigin(t.members.reviewer.userId));
    await new Promise((r) => setTimeout(r, 300));
    await s.server.alerts.settled();
    const fired = await firings();
    expect(fired).toHaveLength(1);
    expect(fired[0]!.count).toBe(2);
    expect(fired[0]!.annotations.map((a) => a.title)).toEqual([
      'Current spike on wheel 2',
      'Current spike again',
    ]);
    expect(
      (await s.call('GET', `/alert-rules/${muted.body.id}/firings`, { token: t.admin.token })).body
        .items,
    ).toEqual([]);

    await until(
      () => rx.received.some((r) => r.path === '/alerts'),
      'the alert.fired delivery',
      10_000,
    );
    const payload = JSON.parse(rx.received.find((r) => r.path === '/alerts')!.body);
    expect(payload).toMatchObject({
      event: 'alert.fired',
      data: { rule: { name: 'Wheel current anomalies' } },
    });
    const notes = await s.call('GET', '/notifications', { token: t.members.reviewer.token });
    expect(notes.body.items.filter((n: { kind: string }) => n.kind === 'alert.fired')).toHaveLength(
      1,
    );
    const audit = await s.call('GET', `/audit?action=alert.fire`, { token: t.admin.token });
    expect(audit.body.items).toHaveLength(1);
  });

  it('a rule muted by PATCH stops firing, fires again when unmuted, and notifies the users it names', async () => {
    const rule = await s.call('POST', `/workspaces/${t.ws}/alert-rules`, {
      token: t.admin.token,
      body: {
        name: 'Brake words',
        condition: { keywords: ['brake'] },
        actions: { notifyUsers: [t.members.viewer.userId] },
      },
    });
    expect(rule.status).toBe(201);
    const author = t.members.contributor;
    const client = s.connect(t.ws, newId(), { token: author.token });
    await client.synced();
    const origin = actorOrigin(author.userId);
    createAnnotationCollection(client.doc, { name: 'Brakes' }, origin);
    const titles = async () =>
      (
        (await s.call('GET', `/alert-rules/${rule.body.id}/firings`, { token: t.admin.token })).body
          .items as { annotations: { title: string }[] }[]
      ).map((f) => f.annotations.at(-1)!.title);
    createAnnotation(client.doc, spike('Brake squeal', [], Date.now()), origin);
    await until(async () => (await titles()).length === 1, 'the first firing', 10_000);

    const mute = (muted: boolean) =>
      s.call('PATCH', `/alert-rules/${rule.body.id}`, { token: t.admin.token, body: { muted } });
    expect((await mute(true)).body.muted).toBe(true);
    createAnnotation(client.doc, spike('Brake while muted', [], Date.now()), origin);
    await new Promise((r) => setTimeout(r, 300));
    await s.server.alerts.settled();
    expect((await mute(false)).body.muted).toBe(false);
    createAnnotation(client.doc, spike('Brake after unmute', [], Date.now()), origin);
    await until(async () => (await titles()).length === 2, 'the firing after unmute', 10_000);
    expect((await titles()).sort()).toEqual(['Brake after unmute', 'Brake squeal']);
    const told = (await s.call('GET', '/notifications', { token: t.members.viewer.token })).body
      .items as { kind: string; title: string }[];
    expect(told.filter((n) => n.kind === 'alert.fired').map((n) => n.title)).toEqual([
      'Alert: Brake words',
      'Alert: Brake words',
    ]);
  });
});
