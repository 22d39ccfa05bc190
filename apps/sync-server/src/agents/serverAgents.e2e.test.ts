import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { AgentClient, roverSimulator } from '@fieldbook/agent';
import { startTestServer, tempDir, waitFor } from '../testing/harness';
import type { RunningServer } from '../server';

const SECRET = 'agents-e2e-secret-0123456789-abcdefghijkl';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely
type Json = Record<string, any>;

async function api(
  server: RunningServer,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
) {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/v1${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
}

it('an agent with an agent API key streams to the running server, and revoking the key disconnects it', async () => {
  const data = tempDir('fieldbook-agents-e2e-');
  cleanups.push(data.cleanup);
  const server = await startTestServer(data.dir, { FIELDBOOK_SECRET: SECRET });
  cleanups.push(() => server.close());

  const signup = await api(server, 'POST', '/auth/signup', {
    tenant: 'Rover ops',
    email: 'ops@example.org',
    password: 'correct horse battery',
    name: 'Ops',
  });
  expect(signup.status).toBe(201);
  const token = signup.body.accessToken as string;
  const tenantId = signup.body.tenant.id as string;
  const ws = await api(server, 'POST', '/workspaces', { name: 'Sol 1402' }, token);
  const key = await api(
    server,
    'POST',
    '/api-keys',
    { name: 'rover', workspaceId: ws.body.id, access: 'write', agent: true },
    token,
  );
  expect(key.status).toBe(201);

  const bufferDir = mkdtempSync(join(tmpdir(), 'fieldbook-agent-buf-'));
  cleanups.push(() => rmSync(bufferDir, { recursive: true, force: true }));
  const sim = roverSimulator(5, 20);
  const client = new AgentClient({
    url: `ws://127.0.0.1:${server.port}/agents`,
    key: key.body.key as string,
    agentId: 'rover-7',
    manifest: { instruments: [sim.instrument] },
    bufferDir,
  });
  cleanups.push(() => client.stop());
  client.start();
  const t0 = Date.UTC(2026, 10, 1);
  const samples = Array.from({ length: 40 }, (_, i) => sim.sampleAt(t0 + i * 50)).flat();
  client.push('rover', samples);
  await client.drained('rover');

  const channels = await server.agents.telemetry.listChannels(tenantId);
  const battery = channels.find((c) => c.key === 'battery.voltage');
  expect(battery?.workspaceId).toBe(ws.body.id);
  const series = await server.agents.telemetry.querySamples(tenantId, battery!.id, {
    from: t0,
    to: t0 + 2_000,
    maxPoints: 1_000,
  });
  expect(series.count.reduce((a, b) => a + b, 0)).toBe(40);
  const stored = samples.filter((s) => s.ch === 'battery.voltage').map((s) => s.value as number);
  expect(Math.min(...series.min)).toBe(Math.min(...stored));
  expect(Math.max(...series.max)).toBe(Math.max(...stored));

  const disconnected = new Promise<number>((resolve) => client.once('disconnect', resolve));
  const revoked = await api(server, 'DELETE', `/api-keys/${key.body.apiKey.id}`, undefined, token);
  expect(revoked.status).toBeLessThan(300);
  expect(await disconnected).toBeGreaterThanOrEqual(1000);
  await waitFor(() => server.agents.gateway.connections.size === 0, 'the agent socket to close');
}, 30_000);
