import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createLogger } from '../log';
import { startRetention } from './retention';
import { openSqliteTelemetryStore } from './sqlite/sqliteTelemetryStore';
import { TEST_MANIFEST, batchOf } from './testBatches';

it('the retention timer purges chunks past the configured age and keeps the rest', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-retention-'));
  const store = openSqliteTelemetryStore({ file: join(dir, 't.db'), chunkSamples: 10 });
  try {
    await store.registerManifest('t', null, 'a', TEST_MANIFEST);
    const now = 1_760_000_000_000;
    const day = 86_400_000;
    const old = Array.from({ length: 30 }, (_, i) => ({
      ch: 'volt',
      t: now - 3 * day + i,
      value: i,
    }));
    const fresh = Array.from({ length: 30 }, (_, i) => ({
      ch: 'volt',
      t: now - 1000 + i,
      value: i,
    }));
    await store.ingest(
      batchOf({ tenantId: 't', agentId: 'a', stream: 's' }, 1, [...old, ...fresh]),
    );
    await store.flush();
    const stop = startRetention(store, {
      retentionMs: 2 * day,
      intervalMs: 20,
      log: createLogger('silent'),
      now: () => now,
    });
    await new Promise((r) => setTimeout(r, 60));
    stop();
    const id = (await store.listChannels('t')).find((c) => c.key === 'volt')!.id;
    const q = await store.querySamples('t', id, { from: now - 4 * day, to: now, maxPoints: 4 });
    expect(q.count.reduce((a, b) => a + b, 0)).toBe(30);
    expect(Math.min(...q.minT)).toBe(now - 1000);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
