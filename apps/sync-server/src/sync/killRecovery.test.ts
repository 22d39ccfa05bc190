import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { connectClient, tempDir, waitFor, type TestClient } from '../testing/harness';
import { spawnServer } from '../testing/serverProcess';

describe('kill -9 under write load', () => {
  const data = tempDir();
  afterAll(() => data.cleanup());

  it('keeps every update any client had received back from the server', async () => {
    const { child, port } = await spawnServer(data.dir);
    const workspaceId = newId();
    const docIds = [newId(), newId()];
    const received = new Map<string, Set<string>>(docIds.map((d) => [d, new Set()]));
    const writers: TestClient[] = [];
    for (const docId of docIds) {
      for (let w = 0; w < 3; w++) {
        const c = connectClient(port, workspaceId, docId);
        c.doc.getMap('m').observe((event, tr) => {
          if (tr.origin !== c.provider) return;
          for (const key of event.keysChanged) received.get(docId)!.add(key);
        });
        writers.push(c);
      }
    }
    await Promise.all(writers.map((c) => c.synced()));
    let n = 0;
    const typing = setInterval(() => {
      for (const [i, c] of writers.entries()) c.doc.getMap('m').set(`w${i}-${n}`, n);
      n++;
    }, 4);
    await waitFor(
      () => [...received.values()].every((s) => s.size > 200),
      'continuous writes to be relayed',
      60_000,
    );
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    clearInterval(typing);
    for (const c of writers) c.destroy();

    const restarted = await spawnServer(data.dir);
    try {
      for (const docId of docIds) {
        const fresh = connectClient(restarted.port, workspaceId, docId);
        await fresh.synced();
        const keys = new Set(fresh.doc.getMap('m').keys());
        const missing = [...received.get(docId)!].filter((k) => !keys.has(k));
        expect(missing).toEqual([]);
        expect(received.get(docId)!.size).toBeGreaterThan(200);
        fresh.destroy();
      }
    } finally {
      restarted.child.kill('SIGTERM');
      const code = await new Promise((r) => restarted.child.once('close', r));
      expect(code).toBe(0);
      expect(restarted.lines.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
      // A clean close folds the WAL back into the database file.
      expect(existsSync(join(data.dir, 'fieldbook.db-wal'))).toBe(false);
    }
  }, 180_000); // two servers started through tsx: tens of seconds each on a busy machine
});
