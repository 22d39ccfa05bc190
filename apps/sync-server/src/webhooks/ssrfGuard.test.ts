import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextAttemptAt } from './backoff';
import { sendDelivery } from './sender';
import { checkTargetUrl, isBlockedAddress } from './ssrfGuard';
import { startReceiver } from './testing/receiver';

let rx: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => (rx = await startReceiver()));
afterAll(() => rx.close());

const none = new Set<string>();
const limits = { connectTimeoutMs: 2000, responseTimeoutMs: 2000, allow: none };
const out = (url: string) => ({
  url,
  secret: 's',
  deliveryId: 'd',
  event: 'webhook.ping',
  body: '{}',
});

describe('SSRF guard without an allow-list', () => {
  it('classifies loopback, private, link-local, metadata, multicast and mapped addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.3.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:10.1.2.3',
    ])
      expect(isBlockedAddress(a), a).toBe(true);
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111'])
      expect(isBlockedAddress(a), a).toBe(false);
  });

  it('refuses IP-literal targets in blocked ranges and non-http schemes before storing', () => {
    for (const url of [
      'http://127.0.0.1/x',
      'http://10.0.0.1/',
      'http://169.254.169.254/latest',
      'http://[::1]/',
      'https://[::ffff:a00:1]/',
      'file:///etc/passwd',
      'http://user:pw@example.org/',
    ])
      expect(() => checkTargetUrl(url, none), url).toThrow(/refused/);
    expect(checkTargetUrl('https://example.org/hook', none).hostname).toBe('example.org');
    expect(checkTargetUrl('http://127.0.0.1/x', new Set(['127.0.0.1'])).port).toBe('');
  });

  it('refuses at send time a loopback literal and a name resolving to loopback: the receiver gets nothing', async () => {
    const literal = await sendDelivery(out(rx.url('/literal')), limits);
    expect(literal).toMatchObject({ status: null });
    expect(literal.response).toMatch(/refused/);
    const named = await sendDelivery(out(`http://localhost:${rx.port}/named`), limits);
    expect(named).toMatchObject({ status: null });
    expect(named.response).toMatch(/resolves to a blocked address/);
    expect(rx.received).toEqual([]);
    const allowed = await sendDelivery(out(rx.url('/allowed')), {
      ...limits,
      allow: new Set(['127.0.0.1']),
    });
    expect(allowed).toMatchObject({ status: 200, response: 'ok' });
  });
});

describe('retry backoff', () => {
  const policy = { baseMs: 1000, maxDelayMs: 60_000, giveUpAfterMs: 3_600_000 };
  it('doubles with jitter between half and the whole wait, capped, then gives up', () => {
    expect(nextAttemptAt(policy, 1, 0, 0, () => 0)).toBe(500);
    expect(nextAttemptAt(policy, 1, 0, 0, () => 1)).toBe(1000);
    expect(nextAttemptAt(policy, 3, 0, 0, () => 1)).toBe(4000);
    expect(nextAttemptAt(policy, 20, 0, 0, () => 1)).toBe(60_000);
    expect(nextAttemptAt(policy, 20, 0, 3_590_000, () => 1)).toBeNull();
  });
});
