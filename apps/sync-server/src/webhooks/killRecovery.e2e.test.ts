import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { tempDir, waitFor } from '../testing/harness';
import { DELIVERY_HEADER } from './signature';
import { startReceiver } from './testing/receiver';
import { EMBEDDED_MODE_ENV } from '../config';

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SECRET = 'webhook-kill-test-secret-0123456789-abcdef';
const data = tempDir('fieldbook-webhook-kill-');
const children: ChildProcess[] = [];

/** Starts `pnpm serve`'s entry point as its own process on DATA_DIR; answers its API base. */
async function serve(): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      ...EMBEDDED_MODE_ENV,
      PORT: '0',
      DATA_DIR: data.dir,
      FIELDBOOK_SECRET: SECRET,
      LOG_LEVEL: 'info',
      SEARCH_INDEX: 'off',
      WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_POLL_MS: '20',
      WEBHOOK_RESPONSE_TIMEOUT_MS: '60000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!/"msg":"listening"/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const line = output.split('\n').find((l) => l.includes('"msg":"listening"'))!;
  return { child, base: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}/api/v1` };
}

async function call(base: string, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely
  return (await res.json()) as Record<string, any>;
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  data.cleanup();
});

it('delivers every queued event after the server is killed with -9 mid-delivery', async () => {
  let hanging = true;
  const rx = await startReceiver(() => (hanging ? 'hang' : { status: 200 }));
  try {
    const first = await serve();
    const signup = await call(first.base, 'POST', '/auth/signup', {
      tenant: 'Kill Lab',
      email: 'kill@example.org',
      password: 'a long passphrase',
      name: 'K',
    });
    const token = signup.accessToken as string;
    const ws = (await call(first.base, 'POST', '/workspaces', { name: 'W' }, token)).id as string;
    const hook = await call(
      first.base,
      'POST',
      `/workspaces/${ws}/webhooks`,
      { url: rx.url(), events: ['document.created'] },
      token,
    );
    const pings = [];
    for (let i = 0; i < 5; i++)
      pings.push(
        await call(first.base, 'POST', `/webhooks/${hook.webhook.id}/ping`, undefined, token),
      );
    await waitFor(() => rx.received.length >= 1, 'a delivery in flight');
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    hanging = false;
    const second = await serve();
    const eventIds = new Set(pings.map((p) => p.eventId as string));
    const seen = () => new Set(rx.received.map((r) => JSON.parse(r.body).id as string));
    await waitFor(
      () => [...eventIds].every((id) => seen().has(id)),
      'every event delivered',
      20_000,
    );
    const login = await call(second.base, 'POST', '/auth/login', {
      email: 'kill@example.org',
      password: 'a long passphrase',
    });
    const states = async () =>
      (
        (
          await call(
            second.base,
            'GET',
            `/webhooks/${hook.webhook.id}/deliveries`,
            undefined,
            login.accessToken,
          )
        ).items as { state: string }[]
      ).map((d) => d.state);
    let items = await states();
    for (let i = 0; i < 100 && items.some((st) => st !== 'delivered'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      items = await states();
    }
    expect(items).toEqual(Array(5).fill('delivered'));
    const deliveryIds = new Set(rx.received.map((r) => r.headers[DELIVERY_HEADER]));
    expect(deliveryIds).toEqual(new Set(pings.map((p) => p.id)));
    second.child.kill('SIGTERM');
  } finally {
    await rx.close();
  }
}, 120_000);
