// A workspace with a live rover for the instrument browser tests and the
// instruments gallery: a real server process, two operators (Bo, the admin,
// and Ada, a contributor), an agent key and the rover simulator as a real
// `fieldbook-agent` process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer } from './browser';
import { startServerProcess, type ServerProcess } from './serverProcess';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

/** Ada: a contributor who operates instruments. */
export const ada: TestUser = {
  name: 'Ada Okafor',
  email: 'ada@rover.test',
  password: 'correct horse 1',
};
/** Bo: the organization's admin, also an operator. */
export const bo: TestUser = {
  name: 'Bo Lindqvist',
  email: 'bo@rover.test',
  password: 'battery staple 2',
};

/** What a scene gives its test. */
export interface InstrumentScene {
  readonly server: ServerProcess;
  readonly workspaceId: string;
  readonly adminToken: string;
  /** Starts (again) the rover simulator. */
  startRover(): void;
  /** Kills the rover simulator (SIGKILL, as a crash). */
  killRover(): Promise<void>;
  /** Calls the REST API as Bo. */
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
  dispose(): Promise<void>;
}

/** Builds the renderer, starts the server, makes the team and starts the rover; resolves once it streams. */
export async function instrumentScene(): Promise<InstrumentScene> {
  const work = mkdtempSync(join(tmpdir(), 'fieldbook-instruments-'));
  await buildRenderer(join(work, 'web'));
  const server = await startServerProcess(join(work, 'web'));
  const team = await teamWithWorkspace(server.url, 'Rover operations', bo, ada);
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${team.adminToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const members = await api<{ items: { userId: string; role: string }[] }>(
    'GET',
    `/workspaces/${team.workspaceId}/members`,
  );
  for (const m of members.items)
    await api('PATCH', `/workspaces/${team.workspaceId}/members/${m.userId}`, {
      role: m.role,
      capabilities: ['operator'],
    });
  const { key } = await api<{ key: string }>('POST', '/api-keys', {
    name: 'rover',
    workspaceId: team.workspaceId,
    access: 'write',
    agent: true,
  });
  let rover: ChildProcess | null = null;
  const startRover = () => {
    rover = spawn(
      process.execPath,
      [
        join(repo, 'packages/agent/bin/fieldbook-agent.js'),
        'run',
        'rover',
        '--server',
        server.url,
        '--rate',
        '10',
        '--agent-id',
        'rover-1',
        '--buffer',
        join(work, 'agent-buffer'),
      ],
      { env: { ...process.env, FIELDBOOK_AGENT_KEY: key }, stdio: 'ignore' },
    );
  };
  const killRover = async () => {
    const proc = rover;
    rover = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  };
  startRover();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { items } = await api<{ items: { connection: string }[] }>(
      'GET',
      `/workspaces/${team.workspaceId}/instruments`,
    );
    if (items.some((i) => i.connection === 'ONLINE')) break;
    if (Date.now() > deadline) throw new Error('the rover simulator never came online');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    server,
    workspaceId: team.workspaceId,
    adminToken: team.adminToken,
    startRover,
    killRover,
    api,
    dispose: async () => {
      await killRover();
      await server.dispose();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
