import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** What the receiver answers a request with: a status (and body), `hang` (never answers) or a redirect. */
export type Reply = { status: number; body?: string } | 'hang' | { redirect: string };

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests: records every request
 * and answers as `reply` says (which tests change as they go).
 */
export async function startReceiver(
  reply: (r: Received, n: number) => Reply = () => ({ status: 200 }),
) {
  const received: Received[] = [];
  let answer = reply;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      received.push(r);
      const out = answer(r, received.length);
      if (out === 'hang') return;
      if ('redirect' in out) {
        res.writeHead(302, { location: out.redirect }).end();
        return;
      }
      res.writeHead(out.status, { 'content-type': 'text/plain' }).end(out.body ?? 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    received,
    /** Changes how later requests are answered. */
    answer(next: typeof reply) {
      answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
