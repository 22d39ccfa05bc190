/**
 * One node of the cross-node reference: Hocuspocus 3 with its Redis extension
 * (documents in memory, every node subscribed through Redis), on 127.0.0.1:$PORT.
 */
import { Redis } from '@hocuspocus/extension-redis';
import { Server } from '@hocuspocus/server';

const port = Number.parseInt(process.env.PORT ?? '1234', 10);
const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const server = new Server({
  address: '127.0.0.1',
  port,
  quiet: true,
  extensions: [
    new Redis({
      host: redis.hostname,
      port: Number(redis.port || 6379),
      prefix: process.env.HOCUSPOCUS_PREFIX ?? 'hocuspocus-bench',
    }),
  ],
});
await server.listen();
console.log(JSON.stringify({ msg: 'listening', port }));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
