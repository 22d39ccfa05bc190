import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from './canonicalJson';
import type { AuditKey, AuditKeyRing } from './keys';
import type { AuditEntry, ChainHead, ChainFault, VerifyResult } from './types';

/** The previous hash of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The action of the entry that starts a keyed chain after entries written
 * before audit keys existed; its summary names the last of them
 * (`sealedSeq`, `sealedHash`), so its HMAC vouches for all of them.
 */
export const SEAL_ACTION = 'audit.seal';

type Body = Omit<AuditEntry, 'prevHash' | 'hash'>;

/** The part of an entry its hash covers: everything but the two hashes (the key id only when keyed). */
export function hashedBody(entry: Body): Record<string, unknown> {
  return {
    id: entry.id,
    tenantId: entry.tenantId,
    seq: entry.seq,
    ts: entry.ts,
    actor: entry.actor,
    action: entry.action,
    outcome: entry.outcome,
    resource: entry.resource,
    workspaceId: entry.workspaceId,
    summary: entry.summary,
    ip: entry.ip,
    requestId: entry.requestId,
    keyId: entry.keyId ?? undefined,
  };
}

/** How entries were hashed before audit keys: sha256(prevHash + canonicalJson(body)), hex. */
export function legacyEntryHash(prevHash: string, entry: Body): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson(hashedBody(entry)))
    .digest('hex');
}

/**
 * HMAC-SHA256 under `key` of prevHash + canonicalJson(body), hex — the link
 * that makes the log tamper-evident to anyone without the key (the body names
 * the key id, so an entry cannot be moved to another key).
 */
export function sealedEntryHash(prevHash: string, entry: Body, key: AuditKey): string {
  return createHmac('sha256', key.secret)
    .update(prevHash)
    .update(canonicalJson(hashedBody({ ...entry, keyId: key.id })))
    .digest('hex');
}

/** The hash `entry` must carry after `prevHash`, or undefined when its key is not held. */
function expectedHash(prevHash: string, entry: Body, keys: AuditKeyRing): string | undefined {
  if (entry.keyId === null) return legacyEntryHash(prevHash, entry);
  const key = keys.get(entry.keyId);
  return key && sealedEntryHash(prevHash, entry, key);
}

const fault = (
  checked: number,
  seq: number,
  reason: ChainFault,
  message: string,
): VerifyResult => ({ ok: false, checked, firstBad: { seq, reason, message } });

/** Whether `entry` is the seal of the unkeyed entries ending at `seq` with `hash`. */
function seals(entry: AuditEntry, seq: number, hash: string): boolean {
  return (
    entry.action === SEAL_ACTION &&
    entry.summary?.sealedSeq === seq &&
    entry.summary?.sealedHash === hash
  );
}

/**
 * Recomputes a tenant's chain from its entries in seq order and the stored
 * head, each entry with the key its id names, and names the first entry that
 * breaks it and how: `altered` (content or hash changed), `missing` (a gap,
 * or entries cut off the end), `inserted` (an entry the chain skips over),
 * `reordered` (an entry linking to a later one), `unknownKey` (sealed with a
 * key this server does not hold). Unkeyed entries (from before audit keys)
 * are accepted only as a prefix sealed by an `audit.seal` entry.
 */
export function verifyChain(
  rows: readonly AuditEntry[],
  head: ChainHead | null,
  keys: AuditKeyRing,
): VerifyResult {
  const indexByHash = new Map(rows.map((r, i) => [r.hash, i]));
  const hashOf = (prevHash: string, r: AuditEntry) => expectedHash(prevHash, r, keys);
  let prev = GENESIS_HASH;
  let expected = 1;
  let keyed = false;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.seq > expected) {
      return fault(i, expected, 'missing', `entry ${expected} is missing from the chain`);
    }
    if (r.seq < expected) {
      return fault(i, r.seq, 'inserted', `entry ${r.seq} appears twice in the chain`);
    }
    const linked = r.prevHash === prev;
    if (linked && hashOf(prev, r) === r.hash) {
      if (r.keyId === null && keyed) {
        return rows[i + 1]?.prevHash === prev
          ? fault(i, r.seq, 'inserted', `entry ${r.seq} is not part of the chain around it`)
          : fault(i, r.seq, 'altered', `entry ${r.seq} carries no key inside the keyed chain`);
      }
      if (r.keyId !== null && !keyed && i > 0 && !seals(r, r.seq - 1, prev)) {
        const message = `entry ${r.seq} starts the keyed chain without sealing entries 1…${r.seq - 1}: their keys were stripped`;
        return fault(i, r.seq, 'altered', message);
      }
      keyed ||= r.keyId !== null;
      prev = r.hash;
      expected++;
      continue;
    }
    const linksTo = indexByHash.get(r.prevHash);
    if (!linked && linksTo !== undefined && linksTo > i) {
      return fault(i, r.seq, 'reordered', `entry ${r.seq} follows an entry placed after it`);
    }
    if (rows[i + 1]?.prevHash === prev) {
      return fault(i, r.seq, 'inserted', `entry ${r.seq} is not part of the chain around it`);
    }
    if (!linked && i >= 2 && r.prevHash === rows[i - 2]!.hash) {
      const inserted = rows[i - 1]!.seq;
      return fault(i - 1, inserted, 'inserted', `entry ${inserted} was inserted into the chain`);
    }
    if (!linked && linksTo === undefined && i > 0 && hashOf(r.prevHash, r) === r.hash) {
      const before = rows[i - 1]!.seq;
      return fault(i - 1, before, 'altered', `entry ${before} was rewritten after entry ${r.seq}`);
    }
    if (r.keyId !== null && !keys.get(r.keyId)) {
      const message = `entry ${r.seq} is sealed with key "${r.keyId}", which this server does not hold (add it to AUDIT_KEYS)`;
      return fault(i, r.seq, 'unknownKey', message);
    }
    return fault(i, r.seq, 'altered', `entry ${r.seq} does not match its hash`);
  }
  const lastSeq = expected - 1;
  if (rows.length > 0 && !keyed) {
    const message = `no entry is sealed with a key: entries 1…${lastSeq} were never sealed or had their keys stripped`;
    return fault(rows.length, 1, 'altered', message);
  }
  const headSeq = head?.seq ?? 0;
  if (headSeq > lastSeq) {
    return fault(
      rows.length,
      lastSeq + 1,
      'missing',
      `entries ${lastSeq + 1}…${headSeq} are missing`,
    );
  }
  if (headSeq < lastSeq) {
    const extra = headSeq + 1;
    return fault(headSeq, extra, 'inserted', `entry ${extra} was appended outside the log`);
  }
  if (head && head.hash !== prev) {
    return fault(rows.length, lastSeq, 'altered', `entry ${lastSeq} does not match the chain head`);
  }
  return { ok: true, checked: rows.length, headSeq: lastSeq };
}
