import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { malformedButDecodableUpdate } from '@fieldbook/crdt-model';
import { connectClient, ids, rawSocket, tempDir, useTestServer, waitFor } from '../testing/harness';
import { encodeUpdate } from './protocol';
import { EMBEDDED_MODE_ENV } from '../config';

const appDir = join(import.meta.dirname, '../..');
const MiB = 1024 * 1024;

describe('one client cannot hurt the others', () => {
  const t = useTestServer();

  it('refuses a decodable update whose integration throws for its sender only', async () => {
    const { workspaceId, docId } = ids();
    const bystander = t.connect(workspaceId, docId);
    const writer = t.connect(workspaceId, docId);
    await Promise.all([bystander.synced(), writer.synced()]);
    let dropped = 0;
    bystander.provider.on('connection-close', () => dropped++);
    writer.text.insert(0, 'before');
    await waitFor(() => bystander.text.toString() === 'before', 'the first edit');

    const bad = malformedButDecodableUpdate();
    expect(() => Y.decodeUpdate(bad)).not.toThrow();
    expect(() => Y.applyUpdate(new Y.Doc(), bad)).toThrow();
    const attacker = await rawSocket(t.server.port, workspaceId, docId);
    attacker.ws.send(encodeUpdate(bad));
    const closed = await attacker.closed;
    expect(closed.code).toBe(1007);
    expect(closed.reason).toMatch(/^malformed message: the update cannot be applied/);

    writer.text.insert(6, ' and after');
    await waitFor(() => bystander.text.toString() === 'before and after', 'syncing to go on');
    expect(dropped).toBe(0);
    expect(bystander.provider.wsconnected).toBe(true);
    const log = await t.server.store.readLog({ workspaceId, docId });
    expect(log).toHaveLength(2);
  });

  it('refuses text with NUL characters entering through a document', async () => {
    const { workspaceId, docId } = ids();
    const writer = await rawSocket(t.server.port, workspaceId, docId);
    const doc = new Y.Doc();
    doc.getMap('meta').set('title', 'a\u0000b');
    writer.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    await waitFor(() => writer.messages.some((m) => m[0] === 2), 'permission-denied');
    expect(new TextDecoder().decode(writer.messages.find((m) => m[0] === 2))).toMatch(/NUL/);
    expect(await t.server.store.readLog({ workspaceId, docId })).toEqual([]);
  });
});

/** Resident and peak memory of process `pid` in MiB, from /proc. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)![1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

describe('a client that never reads', () => {
  it('is closed at the send cap, keeping the server within the cap plus a margin', async () => {
    const data = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: appDir,
      env: {
        ...process.env,
        ...EMBEDDED_MODE_ENV,
        PORT: '0',
        DATA_DIR: data.dir,
        LOG_LEVEL: 'info',
        KEEPALIVE_MS: '600000',
        SOCKET_SEND_CAP_BYTES: String(4 * MiB),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
        createInterface({ input: child.stdout! }).on('line', (line) => {
          if (line.includes('"msg":"listening"')) resolve(JSON.parse(line).port);
        });
      });
      const { workspaceId, docId } = ids();
      const reader = connectClient(port, workspaceId, docId);
      await reader.synced();
      const writer = await rawSocket(port, workspaceId, docId);
      const source = new Y.Doc();
      const blob = source.getMap('m');
      // Updates of 256 KiB, each replacing the last: the document stays small, so the server's
      // memory grows by garbage (bounded by its collector, warmed up by the first burst) and
      // by what it queues for the client that does not read.
      const burst = async (tag: string, updates: number) => {
        for (let i = 0; i < updates; i++) {
          const sv = Y.encodeStateVector(source);
          blob.set('blob', `${tag}${i}:`.padEnd(MiB / 4, 'x'));
          writer.ws.send(encodeUpdate(Y.encodeStateAsUpdate(source, sv)));
          await new Promise((r) => setTimeout(r, 2));
        }
        await waitFor(
          () =>
            (reader.doc.getMap('m').get('blob') as string | undefined)?.startsWith(
              `${tag}${updates - 1}:`,
            ) === true,
          `burst ${tag} to reach the reading client`,
          30_000,
        );
      };
      await burst('a', 320);
      const settled = memoryOf(child.pid!);
      const sleeper = await rawSocket(port, workspaceId, docId);
      (sleeper.ws as WebSocket & { _socket: { pause(): void } })._socket.pause();
      await burst('b', 640);
      const after = memoryOf(child.pid!);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/^fieldbook_sync_send_overflows_total 1$/m);
      // Uncapped, the sleeper's queue alone would hold most of the second burst: 160 MiB.
      expect(after.peak - settled.peak).toBeLessThan(4 + 32);
      reader.destroy();
      writer.ws.close();
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      data.cleanup();
    }
  }, 180_000); // a server started through tsx on a busy machine takes tens of seconds to listen
});
