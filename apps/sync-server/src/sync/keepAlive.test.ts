import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connectClient, ids, startTestServer, tempDir } from '../testing/harness';

describe('keep-alive', () => {
  const data = tempDir();
  afterAll(() => data.cleanup());

  it('drops a socket that stops answering pings and keeps live ones', async () => {
    const server = await startTestServer(data.dir, { KEEPALIVE_MS: '100' });
    const { workspaceId, docId } = ids();
    const live = connectClient(server.port, workspaceId, docId);
    await live.synced();
    const dead = new WebSocket(`ws://127.0.0.1:${server.port}/sync/${workspaceId}/${docId}`, {
      autoPong: false,
    });
    const closed = new Promise<number>((resolve) => dead.on('close', (code) => resolve(code)));
    await new Promise((r) => dead.once('open', r));
    expect(server.sync.connections.size).toBe(2);
    expect(await closed).toBe(1006);
    await new Promise((r) => setTimeout(r, 250));
    expect(server.sync.connections.size).toBe(1);
    expect(live.provider.wsconnected).toBe(true);
    live.destroy();
    await server.close();
  });
});
