import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import { connectClient, ids, startTestServer, tempDir, waitFor } from '../testing/harness';

describe('HTTP routes', () => {
  let server: RunningServer;
  let data: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    data = tempDir();
    server = await startTestServer(data.dir);
  });
  afterEach(async () => {
    await server.close();
    data.cleanup();
  });

  it('GET /health checks storage', async () => {
    const ok = await server.app.request('/health');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      status: 'ok',
      storage: 'ok',
      database: 'sqlite',
      connections: 0,
    });
    await server.store.close();
    const down = await server.app.request('/health');
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('GET /metrics reports connections, documents, updates, bytes and persistence latency', async () => {
    const { workspaceId, docId } = ids();
    const a = connectClient(server.port, workspaceId, docId);
    const b = connectClient(server.port, workspaceId, docId);
    await Promise.all([a.synced(), b.synced()]);
    a.text.insert(0, 'metered');
    await waitFor(() => b.text.toString() === 'metered', 'relay');
    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^fieldbook_sync_connections 2$/m);
    expect(text).toMatch(/^fieldbook_sync_loaded_documents 1$/m);
    expect(text).toMatch(/^fieldbook_sync_updates_in_total [1-9]/m);
    expect(text).toMatch(/^fieldbook_sync_updates_out_total [1-9]/m);
    expect(text).toMatch(/^fieldbook_sync_bytes_in_total [1-9]/m);
    expect(text).toMatch(/^fieldbook_storage_persist_seconds_count [1-9]/m);
    a.destroy();
    b.destroy();
  });

  it('answers unknown routes with the JSON error format', async () => {
    const res = await server.app.request('/nope');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('RESOURCE_NOT_FOUND');
    expect(body.error.requestId).toBeTruthy();
  });
});
