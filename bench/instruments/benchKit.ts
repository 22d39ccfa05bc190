/** Small helpers of the instrument benchmarks. */
import { createServer, type AddressInfo } from 'node:net';

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** p50/p95/p99/max of durations (ms), two decimals. */
export function percentiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) =>
    +(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN).toFixed(2);
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/** A JSON REST client of a server on `port`; throws on an error status. */
export function rest(port: number) {
  return async (
    method: string,
    path: string,
    o: { token?: string; body?: unknown } = {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- benchmark responses are read loosely
  ): Promise<any> => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      },
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    });
    const text = await res.text();
    if (res.status >= 300)
      throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
}
