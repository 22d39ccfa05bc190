import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { createTestDatabase, type TestDatabase } from '../postgres/testing';
import { connectClient, tempDir, waitFor, type TestClient } from '../testing/harness';
import { spawnServer, type ServerProcess } from '../testing/serverProcess';
import { haproxy } from './haproxy';
import { TEST_REDIS_URL } from './testing';

describe('three nodes behind HAProxy on PostgreSQL and Redis', () => {
  const data = tempDir('fieldbook-three-');
  let database: TestDatabase | null = null;
  const nodes: ServerProcess[] = [];
  let proxy: { stop(): void } | null = null;
  afterAll(async () => {
    proxy?.stop();
    for (const n of nodes) if (n.child.exitCode === null) n.child.kill('SIGKILL');
    await database?.drop();
    data.cleanup();
  });

  it('loses nothing when one node is killed with SIGKILL under continuous edits, and every replica converges', async () => {
    database = await createTestDatabase();
    const shared = { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL };
    // One after the other: the first applies the migrations (the others would wait on its lock).
    for (let i = 0; i < 3; i++) nodes.push(await spawnServer(join(data.dir, `node${i}`), shared));
    const lb = await haproxy(
      data.dir,
      nodes.map((n) => n.port),
    );
    proxy = lb;
    const workspaceId = newId();
    const docId = newId();
    const writers: TestClient[] = [];
    for (let i = 0; i < 6; i++) writers.push(connectClient(lb.port, workspaceId, docId));
    await Promise.all(writers.map((c) => c.synced()));
    // Which edits each client has seen arrive from the server.
    const received = new Set<string>();
    for (const c of writers)
      c.doc.getMap('m').observe((event, tr) => {
        if (tr.origin !== c.provider) return;
        for (const key of event.keysChanged) received.add(key);
      });
    let n = 0;
    const written = new Set<string>();
    const typing = setInterval(() => {
      for (const [i, c] of writers.entries()) {
        const key = `w${i}-${n}`;
        c.doc.getMap('m').set(key, n);
        written.add(key);
      }
      n++;
    }, 20);
    await waitFor(() => received.size > 300, 'edits relayed across the nodes', 60_000);
    const victim = nodes[0]!;
    victim.child.kill('SIGKILL');
    await new Promise((r) => victim.child.once('exit', r));
    const seenBeforeKill = new Set(received);
    const atKill = n;
    await waitFor(() => n > atKill + 50, 'edits to go on after the kill', 30_000);
    clearInterval(typing);

    const complete = (c: TestClient) => c.doc.getMap('m').size === written.size;
    await waitFor(() => writers.every(complete), 'every replica to hold every edit', 90_000);
    const fresh = connectClient(lb.port, workspaceId, docId);
    await fresh.synced();
    const stored = new Set(fresh.doc.getMap('m').keys());
    expect([...seenBeforeKill].filter((k) => !stored.has(k))).toEqual([]);
    expect([...written].filter((k) => !stored.has(k))).toEqual([]);
    expect(stored.size).toBe(written.size);
    fresh.destroy();
    for (const c of writers) c.destroy();
  }, 240_000);
});
