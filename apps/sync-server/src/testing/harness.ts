/**
 * Test helpers shared by the integration tests: a real server on an
 * ephemeral port with a temporary SQLite file, and stock y-websocket clients.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { newId } from '@fieldbook/shared';
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { startServer, type RunningServer, type StartOptions } from '../server';

// Every stock client adds a process 'exit' listener; tests open many.
process.setMaxListeners(0);

/** A temporary data directory removed by `cleanup`. */
export function tempDir(prefix = 'fieldbook-sync-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts an in-process server on an ephemeral port (or `env.PORT`) in `dataDir`. */
export async function startTestServer(
  dataDir: string,
  env: Record<string, string> = {},
  extra: Omit<StartOptions, 'config'> = {},
): Promise<RunningServer> {
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  return startServer({ config, logger: createLogger('silent'), ...extra });
}

/** A stock y-websocket client on one document. */
export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  /** Resolves once the provider reports synced. */
  synced(): Promise<void>;
  destroy(): void;
}

/** Connects an unmodified WebsocketProvider to `/sync/:workspaceId/:docId`. */
export function connectClient(
  port: number,
  workspaceId: string,
  docId: string,
  options: { protocols?: string[]; doc?: Y.Doc } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/sync/${workspaceId}`, docId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
    protocols: options.protocols ?? ['fieldbook.v1'],
  });
  return {
    doc,
    provider,
    text: doc.getText('t'),
    synced: () =>
      provider.synced
        ? Promise.resolve()
        : new Promise((resolve) => provider.once('sync', () => resolve())),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls `check` until it returns true, failing with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A raw ws socket on a sync route, for frames a stock client never sends. */
export async function rawSocket(
  port: number,
  workspaceId: string,
  docId: string,
  protocols: string[] = ['fieldbook.v1'],
): Promise<{
  ws: WebSocket;
  messages: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
}> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/sync/${workspaceId}/${docId}`, protocols);
  const messages: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return { ws, messages, closed };
}

/** Fresh workspace and document ids. */
export function ids(): { workspaceId: string; docId: string } {
  return { workspaceId: newId(), docId: newId() };
}

/** A suite's server: started fresh (own data dir) before each test, with the clients it connected. */
export interface TestServerFixture {
  /** The current test's server. */
  readonly server: RunningServer;
  /** A stock client on the current server, destroyed after the test. */
  connect(
    workspaceId: string,
    docId: string,
    options?: Parameters<typeof connectClient>[3],
  ): TestClient;
}

/**
 * Registers, in the calling suite, a server started before each test in a
 * fresh data directory, and after each test destroys the clients it made,
 * closes it and removes the directory.
 */
export function useTestServer(
  env: Record<string, string> = {},
  extra: Omit<StartOptions, 'config'> = {},
): TestServerFixture {
  let current: { server: RunningServer; cleanup(): void } | null = null;
  const clients: TestClient[] = [];
  beforeEach(async () => {
    const data = tempDir();
    current = { server: await startTestServer(data.dir, env, extra), cleanup: data.cleanup };
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await current?.server.close();
    current?.cleanup();
    current = null;
  });
  return {
    get server() {
      if (!current) throw new Error('useTestServer: no server outside a test');
      return current.server;
    },
    connect(workspaceId, docId, options) {
      const client = connectClient(this.server.port, workspaceId, docId, options);
      clients.push(client);
      return client;
    },
  };
}
