import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson';
import type { AuditEntry, ChainHead, ChainFault, VerifyResult } from './types';

/** The previous hash of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The part of an entry its hash covers: everything but the two hashes. */
export function hashedBody(entry: Omit<AuditEntry, 'prevHash' | 'hash'>): Record<string, unknown> {
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
  };
}

/** sha256(prevHash + canonicalJson(body)) in hex: the link that makes the log tamper-evident. */
export function entryHash(prevHash: string, entry: Omit<AuditEntry, 'prevHash' | 'hash'>): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson(hashedBody(entry)))
    .digest('hex');
}

const fault = (
  checked: number,
  seq: number,
  reason: ChainFault,
  message: string,
): VerifyResult => ({
  ok: false,
  checked,
  firstBad: { seq, reason, message },
});

/**
 * Recomputes a tenant's chain from its entries in seq order and the stored
 * head, and names the first entry that breaks it and how: `altered` (content
 * or hash changed), `missing` (a gap, or entries cut off the end), `inserted`
 * (an entry the chain skips over), `reordered` (an entry linking to a later one).
 */
export function verifyChain(rows: readonly AuditEntry[], head: ChainHead | null): VerifyResult {
  const indexByHash = new Map(rows.map((r, i) => [r.hash, i]));
  let prev = GENESIS_HASH;
  let expected = 1;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.seq > expected) {
      return fault(i, expected, 'missing', `entry ${expected} is missing from the chain`);
    }
    if (r.seq < expected) {
      return fault(i, r.seq, 'inserted', `entry ${r.seq} appears twice in the chain`);
    }
    const linked = r.prevHash === prev;
    if (linked && entryHash(prev, r) === r.hash) {
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
    if (!linked && linksTo === undefined && i > 0 && entryHash(r.prevHash, r) === r.hash) {
      const before = rows[i - 1]!.seq;
      return fault(i - 1, before, 'altered', `entry ${before} was rewritten after entry ${r.seq}`);
    }
    return fault(i, r.seq, 'altered', `entry ${r.seq} does not match its hash`);
  }
  const lastSeq = expected - 1;
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
