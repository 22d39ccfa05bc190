import { describe, expect, it } from 'vitest';
import { privateRedis, startNodes } from './testing';

describe('/health with REDIS_URL', () => {
  it('reports Redis, and answers 503 while it is down', async () => {
    const redis = await privateRedis(6391);
    const cluster = await startNodes(1, redis.url);
    try {
      const url = `http://127.0.0.1:${cluster.nodes[0]!.port}/health`;
      const up = await fetch(url);
      expect(up.status).toBe(200);
      expect(await up.json()).toMatchObject({ status: 'ok', storage: 'ok', redis: 'ok' });
      await redis.stop();
      const down = await fetch(url);
      expect(down.status).toBe(503);
      expect(JSON.stringify(await down.json())).toContain('"redis":"down"');
      await redis.start();
      await expect.poll(async () => (await fetch(url)).status, { timeout: 5_000 }).toBe(200);
    } finally {
      await cluster.close();
      await redis.stop();
    }
  });
});
