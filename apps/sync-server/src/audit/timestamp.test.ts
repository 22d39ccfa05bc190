import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalTsa } from './testing/localTsa';
import { certificatesFromPem, requestTimestamp, verifyTimestampToken } from './timestamp';

let tsa: Awaited<ReturnType<typeof startLocalTsa>>;
let other: Awaited<ReturnType<typeof startLocalTsa>>;
beforeAll(async () => {
  [tsa, other] = await Promise.all([startLocalTsa(), startLocalTsa()]);
});
afterAll(async () => {
  await Promise.all([tsa.close(), other.close()]);
});

describe('RFC 3161 time-stamps against a local `openssl ts` authority', () => {
  const data = new TextEncoder().encode('{"payload":"checkpoint","signature":"sig"}');

  it('round-trips: a token for our data, chained to the CA, that openssl verifies too', async () => {
    const trusted = certificatesFromPem(tsa.caPem);
    const before = Date.now() - 2000;
    const { token, genTime } = await requestTimestamp(data, { url: tsa.url, trusted });
    expect(genTime).toBeGreaterThanOrEqual(before);
    expect(genTime).toBeLessThanOrEqual(Date.now() + 2000);
    expect(await verifyTimestampToken(token, data, trusted)).toEqual({ genTime });
    writeFileSync(join(tsa.dir, 'rt.der'), token);
    writeFileSync(join(tsa.dir, 'rt.data'), data);
    const out = execFileSync(
      'openssl',
      ['ts', '-verify', '-token_in', '-in', 'rt.der', '-data', 'rt.data', '-CAfile', tsa.caFile],
      { cwd: tsa.dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(out.toString()).toMatch(/Verification: OK/);
  });

  it('refuses a token for other data, from an untrusted authority, or damaged', async () => {
    const { token } = await requestTimestamp(data, { url: tsa.url, trusted: [] });
    const trusted = certificatesFromPem(tsa.caPem);
    await expect(verifyTimestampToken(token, new Uint8Array([1]), trusted)).rejects.toThrow(
      /stamps other data/,
    );
    await expect(
      verifyTimestampToken(token, data, certificatesFromPem(other.caPem)),
    ).rejects.toThrow(/does not verify/);
    const damaged = token.slice();
    damaged[damaged.length - 10] = damaged[damaged.length - 10]! ^ 0xff;
    await expect(verifyTimestampToken(damaged, data, trusted)).rejects.toThrow();
    await expect(verifyTimestampToken(new Uint8Array([0x30, 0x00]), data, trusted)).rejects.toThrow(
      /not an RFC 3161 time-stamp token/,
    );
  });

  it('says what went wrong when the authority fails, answers nonsense or is not there', async () => {
    const replies: [number, Uint8Array][] = [
      [503, new Uint8Array()],
      [200, new TextEncoder().encode('not DER')],
    ];
    const server = createServer((_req, res) => {
      const [status, body] = replies.shift()!;
      res.writeHead(status).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      await expect(requestTimestamp(data, { url, trusted: [] })).rejects.toThrow(/HTTP 503/);
      await expect(requestTimestamp(data, { url, trusted: [] })).rejects.toThrow(
        /not a TimeStampResp/,
      );
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await expect(
      requestTimestamp(data, { url: 'http://127.0.0.1:9/tsa', trusted: [], timeoutMs: 2000 }),
    ).rejects.toThrow(/did not answer/);
  });
});
