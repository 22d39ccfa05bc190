import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { tempDir } from '../../testing/harness';
import { openRaw } from './rawSync';
import { EMBEDDED_MODE_ENV } from '../../config';

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const SECRET = 'process-test-secret-0123456789-abcdefghij';

let child: ChildProcess;
let output = '';
let base = '';
let port = 0;
const data = tempDir('fieldbook-serve-');

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      ...EMBEDDED_MODE_ENV,
      PORT: '0',
      DATA_DIR: data.dir,
      FIELDBOOK_SECRET: SECRET,
      LOG_LEVEL: 'trace',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 20_000;
  while (!/"msg":"listening"/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const line = output.split('\n').find((l) => l.includes('"msg":"listening"'))!;
  port = (JSON.parse(line) as { port: number }).port;
  base = `http://127.0.0.1:${port}/api/v1`;
});
afterAll(async () => {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  data.cleanup();
});

const post = async (path: string, body: unknown, token?: string) => {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

it('runs the README first-tenant steps against `pnpm serve`, and logs no secret', async () => {
  const password = 'a long passphrase for ada';
  const signup = await post('/auth/signup', {
    tenant: 'Mars Lab',
    email: 'ada@example.org',
    password,
    name: 'Ada',
  });
  expect(signup.status).toBe(201);
  const login = await post('/auth/login', { email: 'ada@example.org', password });
  expect(login.status).toBe(200);
  const wrong = await post('/auth/login', {
    email: 'ada@example.org',
    password: 'not the passphrase',
  });
  expect(wrong.status).toBe(401);
  const token = login.body.accessToken as string;
  const ws = await post('/workspaces', { name: 'Rover ops' }, token);
  expect(ws.status).toBe(201);
  const invitation = await post(
    `/workspaces/${ws.body.id}/invitations`,
    { role: 'contributor' },
    token,
  );
  const key = await post(
    '/api-keys',
    { name: 'agent', workspaceId: ws.body.id, access: 'write', agent: true },
    token,
  );
  const ticket = await post('/sync-tickets', { workspaceId: ws.body.id }, token);
  expect([invitation.status, key.status, ticket.status]).toEqual([201, 201, 201]);
  const refreshed = await post('/auth/refresh', { refreshToken: login.body.refreshToken });
  expect(refreshed.status).toBe(200);

  const viaTicket = openRaw(
    port,
    ws.body.id,
    newId(),
    ['fieldbook.v1'],
    `?ticket=${encodeURIComponent(ticket.body.ticket)}`,
  );
  expect(await viaTicket.opened).toBe(true);
  viaTicket.ws.close();
  const viaToken = openRaw(port, ws.body.id, newId(), ['fieldbook.v1', `bearer.${token}`]);
  expect(await viaToken.opened).toBe(true);
  viaToken.ws.close();
  const refused = openRaw(port, ws.body.id, newId(), ['fieldbook.v1', 'bearer.forged']);
  expect((await refused.closed).code).toBe(4401);

  await new Promise((r) => setTimeout(r, 200));
  expect(output).toContain('"msg":"request"');
  const secrets = [
    password,
    'not the passphrase',
    SECRET,
    token,
    login.body.refreshToken,
    signup.body.accessToken,
    refreshed.body.accessToken,
    refreshed.body.refreshToken,
    invitation.body.token,
    key.body.key,
    (key.body.key as string).split('_')[2]!,
    ticket.body.ticket,
  ];
  expect(secrets.filter((s) => output.includes(s)).map((s) => s.slice(0, 4))).toEqual([]);
});
