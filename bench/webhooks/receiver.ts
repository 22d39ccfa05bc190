// A loopback webhook receiver for the benches: counts each delivery once per
// hook (dedupe on X-Fieldbook-Delivery) and its event → delivery latency, and
// can be told to fail.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How hook 0 misbehaves: a share of its requests answered 500, a share left hanging. */
export interface Failing {
  readonly fail500: number;
  readonly hang: number;
}

/**
 * A loopback receiver that records each delivery id once per hook and its
 * latency from occurredAt. `failRate` fails every hook's requests at random;
 * `failing` makes only hook 0 misbehave (500s and hangs).
 */
export async function receiver(failRate: number, failing: Failing | null = null) {
  const seen = new Set<string>();
  const latencies = new Map<string, number[]>();
  const requests = new Map<string, number>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const hook = req.url ?? '';
      requests.set(hook, (requests.get(hook) ?? 0) + 1);
      if (Math.random() < failRate) return res.writeHead(500).end('no');
      if (failing && hook.endsWith('/0')) {
        const roll = Math.random();
        if (roll < failing.fail500) return res.writeHead(500).end('no');
        if (roll < failing.fail500 + failing.hang) return; // never answers: the sender times out
      }
      const id = req.headers['x-fieldbook-delivery'] as string | undefined;
      if (id && !seen.has(id)) {
        seen.add(id);
        const occurred = Date.parse((JSON.parse(body) as { occurredAt: string }).occurredAt);
        const mine = latencies.get(hook) ?? [];
        latencies.set(hook, mine);
        if (Number.isFinite(occurred)) mine.push(Date.now() - occurred);
      }
      res.writeHead(200).end('ok');
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    seen,
    /** Latencies of every hook, or of one (`/hook/<i>`). */
    latencies: (hook?: string) =>
      hook ? (latencies.get(hook) ?? []) : [...latencies.values()].flat(),
    requests: (hook?: string) =>
      hook ? (requests.get(hook) ?? 0) : [...requests.values()].reduce((a, b) => a + b, 0),
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}
