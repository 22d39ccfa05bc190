// The rover simulator (packages/agent's CLI) streaming into a test server, so
// browser tests and screenshot scripts have live channels to chart.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

/** A running simulator and when its first samples were stored. */
export interface RoverStream {
  readonly agent: ChildProcess;
  /** Time of the first stored sample of `channel` (epoch ms, about). */
  readonly streamStart: number;
  stop(): void;
}

async function api<T>(server: string, path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Makes an agent key with the admin's token, starts `fieldbook-agent run rover`
 * at `rate` Hz buffering under `bufferDir`, and waits (≤ 30 s) until `channel`
 * has samples on the server.
 */
export async function startRover(
  server: string,
  adminToken: string,
  workspaceId: string,
  bufferDir: string,
  channel = 'wheel.fl.current',
  rate = 20,
): Promise<RoverStream> {
  const key = await api<{ key: string }>(server, '/api-keys', adminToken, {
    name: 'rover',
    workspaceId,
    access: 'write',
    agent: true,
  });
  const agent = spawn(
    process.execPath,
    [
      join(repo, 'packages/agent/bin/fieldbook-agent.js'),
      'run',
      'rover',
      '--server',
      server,
      '--rate',
      String(rate),
      '--buffer',
      bufferDir,
    ],
    { env: { ...process.env, FIELDBOOK_AGENT_KEY: key.key }, stdio: 'ignore' },
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { items } = await api<{ items: { key: string; lastT: number | null }[] }>(
      server,
      `/workspaces/${workspaceId}/channels`,
      adminToken,
    );
    const lastT = items.find((c) => c.key === channel)?.lastT;
    if (lastT) return { agent, streamStart: lastT, stop: () => agent.kill('SIGTERM') };
    if (Date.now() > deadline) {
      agent.kill('SIGTERM');
      throw new Error('the rover simulator never streamed');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
