import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { FieldbookError } from '@fieldbook/shared';

/**
 * Addresses a webhook may never reach unless its host is allow-listed:
 * loopback, private, carrier-grade NAT, link-local (cloud metadata at
 * 169.254.169.254 among them), multicast, reserved and unspecified ranges,
 * in IPv4 and IPv6 (IPv4-mapped IPv6 addresses are checked as IPv4).
 */
function blockedRanges(): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ] as const)
    list.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of [
    ['::', 128],
    ['::1', 128],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
    ['64:ff9b::', 96],
    ['fd00:ec2::', 32],
  ] as const)
    list.addSubnet(net, prefix, 'ipv6');
  return list;
}

const BLOCKED = blockedRanges();

/** Whether `address` (an IP literal) lies in a range webhooks may not reach. */
export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return BLOCKED.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The refusal every SSRF check throws: a VALIDATION_ERROR naming the host. */
export function refusedTarget(host: string, why: string): FieldbookError {
  return new FieldbookError('VALIDATION_ERROR', `Webhook target ${host} refused: ${why}`, {
    host,
  });
}

/** Host names (lower case, IP literals without brackets) allowed to resolve anywhere. */
export type AllowList = ReadonlySet<string>;

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/**
 * Checks a webhook URL before it is stored: http(s), no credentials, and —
 * when its host is an IP literal — not in a blocked range. Names are checked
 * again at send time, after DNS, by `guardedLookup`.
 */
export function checkTargetUrl(raw: string, allow: AllowList): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FieldbookError('VALIDATION_ERROR', 'Webhook URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw refusedTarget(url.protocol, 'only http and https targets are allowed');
  if (url.username || url.password)
    throw refusedTarget(hostOf(url), 'credentials in the URL are not allowed');
  const host = hostOf(url);
  if (!allow.has(host) && isIP(host) !== 0 && isBlockedAddress(host))
    throw refusedTarget(host, 'private, loopback, link-local or metadata address');
  return url;
}

/**
 * A `lookup` for http.request that resolves the host and refuses the
 * connection when any address it would use is blocked (unless the host is
 * allow-listed). The socket connects to exactly the address checked, so a
 * DNS answer cannot change between the check and the connection.
 */
export function guardedLookup(allow: AllowList): LookupFunction {
  return (hostname, options, callback) => {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    dnsLookup(host, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const list = addresses;
      if (!allow.has(host)) {
        const bad = list.find((a) => isBlockedAddress(a.address));
        if (bad)
          return callback(
            refusedTarget(host, `resolves to a blocked address (${bad.address})`),
            '',
            0,
          );
      }
      if (options.all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first) return callback(refusedTarget(host, 'no address'), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
