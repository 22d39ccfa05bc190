import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { newId } from '@fieldbook/shared';
import { openTestApi } from '../../api/testKit';
import { createLogger } from '../../log';
import { LiveBus } from '../liveBus';
import { openSqliteTelemetryStore } from '../sqlite/sqliteTelemetryStore';
import { batchOf } from '../testBatches';
import type { TelemetryStore } from '../telemetryStore';
import type { LiveServerMessage } from '@fieldbook/shared';
import { createLiveFeed, type LiveFeed } from './liveFeed';

const MANIFEST = {
  instruments: [
    {
      id: 'rover',
      name: 'Rover',
      channels: [{ id: 'volt', dataType: 'f64' as const, unit: 'V' }],
      commands: [],
    },
  ],
};
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A real HTTP server with only the live feed, over a real identity and telemetry store. */
async function liveServer(queueCapacity?: number) {
  const t = await openTestApi();
  const dir = mkdtempSync(join(tmpdir(), 'fb-live-'));
  const bus = new LiveBus();
  const telemetry: TelemetryStore = openSqliteTelemetryStore({
    file: join(dir, 'telemetry.db'),
    durability: 'normal',
    bus,
    chunkSamples: 16,
  });
  const feed: LiveFeed = createLiveFeed({
    identity: t.identity,
    telemetry,
    bus,
    log: createLogger('silent'),
    queueCapacity,
  });
  const server: Server = createServer((_req, res) => res.end());
  server.on('upgrade', (req, socket, head) => {
    if (!feed.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(async () => {
    await feed.close();
    await new Promise((r) => server.close(r));
    await telemetry.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const port = (server.address() as AddressInfo).port;
  const admin = await t.signup('Lab');
  const ws = await t.call('POST', '/workspaces', { token: admin.token, body: { name: 'Ops' } });
  const channels = await telemetry.registerManifest(admin.tenantId, ws.body.id, 'a1', MANIFEST);
  return { t, bus, telemetry, feed, port, admin, ws: ws.body.id as string, channels };
}

/** Opens a viewer socket and collects its messages. */
function viewer(port: number, workspaceId: string, token: string | null) {
  const protocols = token ? ['fieldbook.v1', `bearer.${token}`] : ['fieldbook.v1'];
  const ws = new WebSocket(`ws://127.0.0.1:${port}/telemetry/${workspaceId}/live`, protocols);
  const messages: LiveServerMessage[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (d) => {
    messages.push(JSON.parse(String(d)));
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  ws.on('error', () => {});
  cleanups.push(() => ws.close());
  async function next(pred: (m: LiveServerMessage) => boolean): Promise<LiveServerMessage> {
    for (;;) {
      const found = messages.find(pred);
      if (found) return found;
      await new Promise<void>((r) => waiters.push(r));
    }
  }
  return { ws, messages, next, closed };
}

describe('live telemetry feed', () => {
  it('streams stored samples of subscribed channels and refuses ids it may not see', async () => {
    const s = await liveServer();
    const other = await s.t.signup('Other');
    const otherCh = await s.telemetry.registerManifest(other.tenantId, newId(), 'a2', MANIFEST);
    const v = viewer(s.port, s.ws, s.admin.token);
    await v.next((m) => m.type === 'ready');
    expect(v.ws.protocol).toBe('fieldbook.v1');
    const own = s.channels.get('volt')!.id;
    const foreign = otherCh.get('volt')!.id;
    v.ws.send(JSON.stringify({ type: 'subscribe', channels: [own, foreign] }));
    expect(await v.next((m) => m.type === 'subscribed')).toEqual({
      type: 'subscribed',
      channels: [own],
      refused: [foreign],
    });
    const t0 = 1_760_000_000_000;
    await s.telemetry.ingest(
      batchOf({ tenantId: other.tenantId, agentId: 'a2', stream: 's' }, 1, [
        { ch: 'volt', t: t0, value: 666 },
      ]),
    );
    await s.telemetry.ingest(
      batchOf({ tenantId: s.admin.tenantId, agentId: 'a1', stream: 's' }, 1, [
        { ch: 'volt', t: t0, value: 1.5 },
        { ch: 'volt', t: t0 + 10, value: 2.5 },
      ]),
    );
    const got = await v.next((m) => m.type === 'samples');
    expect(got).toEqual({
      type: 'samples',
      channelId: own,
      t: [t0, t0 + 10],
      v: [1.5, 2.5],
      dropped: 0,
    });
    v.ws.send('not json');
    expect(await v.next((m) => m.type === 'error')).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(v.messages.filter((m) => m.type === 'samples')).toHaveLength(1);
  });

  it("closes another tenant's workspace as not found and a missing credential as 4401", async () => {
    const s = await liveServer();
    const other = await s.t.signup('Other');
    expect(await viewer(s.port, s.ws, other.token).closed).toBe(4404);
    expect(await viewer(s.port, newId(), other.token).closed).toBe(4404);
    expect(await viewer(s.port, s.ws, null).closed).toBe(4401);
    expect(await viewer(s.port, s.ws, 'garbage').closed).toBe(4401);
  });

  it('closes the feed of a member removed from the workspace', async () => {
    const s = await liveServer();
    const inv = await s.t.call('POST', `/workspaces/${s.ws}/invitations`, {
      token: s.admin.token,
      body: { role: 'viewer' },
    });
    const email = `viewer-${newId()}@lab.org`;
    const joined = await s.t.call('POST', '/invitations/accept', {
      body: { token: inv.body.token, email, password: 'viewer password 1', name: 'V' },
    });
    const login = await s.t.call('POST', '/auth/login', {
      body: { email, password: 'viewer password 1' },
    });
    const v = viewer(s.port, s.ws, login.body.accessToken);
    await v.next((m) => m.type === 'ready');
    expect(s.feed.viewers.size).toBe(1);
    await s.t.call('DELETE', `/workspaces/${s.ws}/members/${joined.body.userId}`, {
      token: s.admin.token,
    });
    expect(await v.closed).toBe(4403);
    await expect.poll(() => s.feed.viewers.size).toBe(0);
  });

  it('drops the oldest messages of a viewer that does not read, and says how many', async () => {
    const s = await liveServer(4);
    const v = viewer(s.port, s.ws, s.admin.token);
    await v.next((m) => m.type === 'ready');
    const id = s.channels.get('volt')!.id;
    v.ws.send(JSON.stringify({ type: 'subscribe', channels: [id] }));
    await v.next((m) => m.type === 'subscribed');
    const rawSocket = (v.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    rawSocket.pause();
    const n = 50_000;
    const times = Float64Array.from({ length: n }, (_, i) => 1_760_000_000_000 + i);
    const values = Float64Array.from({ length: n }, (_, i) => i / 7);
    for (let i = 0; i < 60; i++)
      s.bus.publishSamples({ tenantId: s.admin.tenantId, channelId: id, times, values });
    rawSocket.resume();
    const withDrops = await v.next((m) => m.type === 'samples' && m.dropped > 0);
    expect(withDrops.type === 'samples' && withDrops.dropped).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    const samples = v.messages.filter((m) => m.type === 'samples');
    const dropped = samples.reduce((a, m) => a + (m.type === 'samples' ? m.dropped : 0), 0);
    expect(samples.length + dropped).toBe(60);
  });
});
