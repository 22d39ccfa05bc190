/**
 * Helpers of the MQTT bridge tests: a real server started with the bridge
 * configured (MQTT_URL, MQTT_EDGE_NODES), a private mosquitto that a test
 * may stop and start, and an edge node speaking the Sparkplug-style topics.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import { newId } from '@fieldbook/shared';
import { TEST_SECRET } from '../../api/testKit';
import type { RunningServer } from '../../server';
import { startTestServer, tempDir } from '../../testing/harness';
import { topicOf, type SparkplugType } from '../sparkplugTopics';

/** The machine's broker (.ci/run sets MQTT_URL), or a private one when it is not set. */
export async function brokerUrl(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.MQTT_URL) return { url: process.env.MQTT_URL, stop: async () => {} };
  const broker = await startMosquitto();
  return { url: broker.url, stop: () => broker.stop() };
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** A mosquitto of its own on a free port (keeps sessions on disk across a restart, like the machine's). */
export async function startMosquitto() {
  const port = await freePort();
  const dir = tempDir('fb-mosquitto-');
  const conf = join(dir.dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence true',
      `persistence_location ${dir.dir}/`,
      'log_dest none',
    ].join('\n'),
  );
  let child: ChildProcess | null = null;
  const up = async () => {
    child = spawn('/usr/sbin/mosquitto', ['-c', conf], { stdio: 'ignore' });
    const spawned = child;
    await new Promise<void>((resolve, reject) => {
      spawned.once('error', (e) => reject(new Error(`mosquitto did not start: ${e.message}`)));
      const probe = () => {
        const c = connect(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0, connectTimeout: 500 });
        c.once('connect', () => c.end(true, {}, () => resolve()));
        c.once('error', () => {
          c.end(true);
          setTimeout(probe, 50);
        });
      };
      probe();
    });
  };
  const down = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  };
  await up();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    /** Stops the broker and starts it again on the same port. */
    async restart() {
      await down();
      await up();
    },
    async stop() {
      await down();
      dir.cleanup();
    },
  };
}

/** A JSON REST client of a running server. */
export function restClient(port: number) {
  return async (method: string, path: string, o: { token?: string; body?: unknown } = {}) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      },
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely
    return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
  };
}

/**
 * A tenant with an operator, and a server whose MQTT bridge takes edge node
 * `<group>/<edge>` under an agent key of the tenant's workspace. The key is
 * made on a first start; the bridge is configured on the second (the server
 * reads MQTT_EDGE_NODES at start).
 */
export async function bridgedServer(mqttUrl: string, edges: string[]) {
  const data = tempDir('fb-mqtt-server-');
  const env = { AUTH_MODE: 'tenant', FIELDBOOK_SECRET: TEST_SECRET };
  const first = await startTestServer(data.dir, env);
  const call0 = restClient(first.port);
  const tag = newId().slice(-8);
  const signup = await call0('POST', '/auth/signup', {
    body: {
      tenant: `M ${tag}`,
      email: `m-${tag}@mqtt.test`,
      password: 'mqtt password 1',
      name: 'Mo',
    },
  });
  const token = signup.body.accessToken as string;
  const ws = (await call0('POST', '/workspaces', { token, body: { name: 'Line 3' } })).body
    .id as string;
  await call0('PATCH', `/workspaces/${ws}/members/${signup.body.user.id as string}`, {
    token,
    body: { role: 'admin', capabilities: ['operator'] },
  });
  const key = await call0('POST', '/api-keys', {
    token,
    body: { name: 'edge', workspaceId: ws, access: 'write', agent: true },
  });
  await first.close();
  const server: RunningServer = await startTestServer(data.dir, {
    ...env,
    MQTT_URL: mqttUrl,
    MQTT_EDGE_NODES: JSON.stringify(Object.fromEntries(edges.map((e) => [e, key.body.key]))),
    MQTT_CLIENT_ID: `fb-test-${tag}`,
    MQTT_REORDER_WINDOW_MS: '300',
    MQTT_SESSION_EXPIRY_SEC: '60',
  });
  const call = restClient(server.port);
  const login = await call('POST', '/auth/login', {
    body: { email: `m-${tag}@mqtt.test`, password: 'mqtt password 1' },
  });
  return {
    server,
    call,
    ws,
    token: login.body.accessToken as string,
    tenantId: signup.body.tenant.id as string,
    async close() {
      await server.close();
      data.cleanup();
    },
  };
}

/** An edge node publishing to the Sparkplug-style topics, with NDEATH as its last will. */
export async function edgeNode(url: string, group: string, edge: string) {
  const received: { topic: string; payload: Record<string, unknown> }[] = [];
  const client: MqttClient = connect(url, {
    clientId: `edge-${group}-${edge}`,
    reconnectPeriod: 200,
    // Subscribed below on every connect, so a test can tell when commands can reach it again.
    resubscribe: false,
    protocolVersion: 5,
    properties: { sessionExpiryInterval: 60 },
    will: {
      topic: topicOf({ group, type: 'NDEATH', edge }),
      payload: Buffer.from('{}'),
      qos: 1,
      retain: false,
    },
  });
  let subscribed: Promise<boolean> = new Promise(() => {});
  let listening = false;
  client.on('close', () => (listening = false));
  client.on('connect', () => {
    subscribed = client
      .subscribeAsync(topicOf({ group, type: 'DCMD', edge, device: '+' }), { qos: 1 })
      .then(
        () => (listening = true),
        () => false,
      );
  });
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  await subscribed;
  client.on('message', (topic, payload) =>
    received.push({ topic, payload: JSON.parse(payload.toString()) as Record<string, unknown> }),
  );
  return {
    client,
    received,
    /** Connected and subscribed to its commands (a broker restart loses the subscription). */
    get listening() {
      return listening;
    },
    publish(type: SparkplugType, device: string | undefined, payload: unknown) {
      return client.publishAsync(topicOf({ group, type, edge, device }), JSON.stringify(payload), {
        qos: 1,
      });
    },
    /** Drops the connection without a DISCONNECT: the broker sends the last will. */
    vanish() {
      client.stream.destroy();
      client.end(true);
    },
    end: () => client.endAsync(true),
  };
}
