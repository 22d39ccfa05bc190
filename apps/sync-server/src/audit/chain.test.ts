import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson';
import { GENESIS_HASH, SEAL_ACTION, legacyEntryHash, sealedEntryHash, verifyChain } from './chain';
import { AuditKeyRing, type AuditKey } from './keys';
import { testKey, testKeyRing } from './testing/keys';
import type { AuditEntry } from './types';

type Body = Omit<AuditEntry, 'prevHash' | 'hash'>;

const body = (seq: number, extra: Partial<Body> = {}): Body => ({
  id: `id-${seq}`,
  tenantId: 't',
  seq,
  ts: 1_700_000_000_000 + seq,
  actor: { type: 'user', id: 'u', label: 'u@x' },
  action: 'member.add',
  outcome: 'success',
  resource: { type: 'user', id: `r${seq}` },
  workspaceId: null,
  summary: { n: seq },
  ip: null,
  requestId: null,
  keyId: null,
  ...extra,
});

/** Appends entries `from…to` to `rows`, sealed with `key` (null: the unkeyed form of before audit keys). */
function extend(rows: AuditEntry[], to: number, key: AuditKey | null, extra: Partial<Body> = {}) {
  let prev = rows.at(-1)?.hash ?? GENESIS_HASH;
  for (let seq = rows.length + 1; seq <= to; seq++) {
    const b = body(seq, { ...extra, keyId: key?.id ?? null });
    const hash = key ? sealedEntryHash(prev, b, key) : legacyEntryHash(prev, b);
    rows.push({ ...b, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}
const chain = (n: number, key = testKey()) => extend([], n, key);
const headOf = (rows: AuditEntry[]) => ({ seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash });
const KEYS = testKeyRing();
/** Recomputes every hash from `from` on with `hashOf` (a rewrite by someone who can hash). */
function recompute(rows: AuditEntry[], from: number, hashOf: (prev: string, b: Body) => string) {
  for (let i = from - 1; i < rows.length; i++) {
    const prev = i === 0 ? GENESIS_HASH : rows[i - 1]!.hash;
    rows[i] = { ...rows[i]!, prevHash: prev, hash: hashOf(prev, rows[i]!) };
  }
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });
  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });
});

describe('verifyChain', () => {
  it('accepts an intact keyed chain and an empty one', () => {
    const rows = chain(5);
    expect(verifyChain(rows, headOf(rows), KEYS)).toEqual({ ok: true, checked: 5, headSeq: 5 });
    expect(verifyChain([], null, KEYS)).toEqual({ ok: true, checked: 0, headSeq: 0 });
  });

  it('names an altered entry', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, action: 'member.remove' };
    expect(verifyChain(rows, headOf(rows), KEYS)).toMatchObject({
      ok: false,
      firstBad: { seq: 3, reason: 'altered' },
    });
  });

  it('names the first entry of a rewrite recomputed without the key (sha256, or a guessed key)', () => {
    const guesses: ((prev: string, b: Body) => string)[] = [
      (prev, b) => legacyEntryHash(prev, b),
      (prev, b) => sealedEntryHash(prev, b, { id: b.keyId!, secret: Buffer.alloc(32, 9) }),
    ];
    for (const hashOf of guesses) {
      const rows = chain(6);
      rows[2] = { ...rows[2]!, summary: { n: 99 } };
      recompute(rows, 3, hashOf);
      expect(verifyChain(rows, headOf(rows), KEYS)).toMatchObject({
        ok: false,
        firstBad: { seq: 3, reason: 'altered' },
      });
    }
  });

  it('names the first entry whose key was stripped and hash recomputed the old way', () => {
    const rows = chain(6);
    for (let i = 3; i < 6; i++) rows[i] = { ...rows[i]!, keyId: null };
    recompute(rows, 4, legacyEntryHash);
    expect(verifyChain(rows, headOf(rows), KEYS)).toMatchObject({
      ok: false,
      firstBad: { seq: 4, reason: 'altered', message: expect.stringMatching(/carries no key/) },
    });
    const all = chain(4).map((r) => ({ ...r, keyId: null }));
    recompute(all, 1, legacyEntryHash);
    expect(verifyChain(all, headOf(all), KEYS)).toMatchObject({
      ok: false,
      firstBad: { seq: 1, reason: 'altered', message: expect.stringMatching(/no entry is sealed/) },
    });
  });

  it('names a deleted entry in the middle and at the end', () => {
    const rows = chain(5);
    const head = headOf(rows);
    expect(verifyChain([...rows.slice(0, 2), ...rows.slice(3)], head, KEYS)).toMatchObject({
      ok: false,
      firstBad: { seq: 3, reason: 'missing' },
    });
    expect(verifyChain(rows.slice(0, 4), head, KEYS)).toMatchObject({
      ok: false,
      firstBad: { seq: 5, reason: 'missing' },
    });
  });

  it('names reordered entries', () => {
    const rows = chain(5);
    const swapped = [
      rows[0]!,
      rows[1]!,
      { ...rows[3]!, seq: 3 },
      { ...rows[2]!, seq: 4 },
      rows[4]!,
    ];
    expect(verifyChain(swapped, headOf(rows), KEYS)).toMatchObject({
      ok: false,
      firstBad: { seq: 3, reason: 'reordered' },
    });
  });

  it('names an inserted entry, forged or not', () => {
    const rows = chain(4);
    const shifted = rows.slice(2).map((r) => ({ ...r, seq: r.seq + 1 }));
    const fakeBody = { ...rows[1]!, id: 'fake', seq: 3, action: 'apiKey.create' };
    const naive = { ...fakeBody, prevHash: 'f'.repeat(64), hash: 'e'.repeat(64) };
    const unkeyed = {
      ...fakeBody,
      keyId: null,
      prevHash: rows[1]!.hash,
      hash: legacyEntryHash(rows[1]!.hash, { ...fakeBody, keyId: null }),
    };
    const unknownKey = {
      ...fakeBody,
      keyId: 'mallory',
      prevHash: rows[1]!.hash,
      hash: 'a'.repeat(64),
    };
    const head = { seq: 5, hash: shifted.at(-1)!.hash };
    for (const fake of [naive, unkeyed, unknownKey]) {
      expect(verifyChain([rows[0]!, rows[1]!, fake, ...shifted], head, KEYS)).toMatchObject({
        ok: false,
        firstBad: { seq: 3, reason: 'inserted' },
      });
    }
  });

  it('names an entry appended behind the log', () => {
    const rows = chain(3);
    const head = headOf(rows);
    extend(rows, 4, testKey());
    expect(verifyChain(rows, head, KEYS)).toMatchObject({
      ok: false,
      firstBad: { seq: 4, reason: 'inserted' },
    });
  });
});

describe('audit key rotation', () => {
  const k1 = testKey('2025', 1);
  const k2 = testKey('2026', 2);
  it('verifies entries under two key ids, each with the key its id names', () => {
    const rows = extend(chain(3, k1), 6, k2);
    expect(rows.map((r) => r.keyId)).toEqual(['2025', '2025', '2025', '2026', '2026', '2026']);
    expect(verifyChain(rows, headOf(rows), new AuditKeyRing(k2, [k1]))).toMatchObject({
      ok: true,
      headSeq: 6,
    });
  });
  it('names the first entry whose key the server no longer holds', () => {
    const rows = extend(chain(3, k1), 6, k2);
    expect(verifyChain(rows, headOf(rows), new AuditKeyRing(k2))).toMatchObject({
      ok: false,
      firstBad: { seq: 1, reason: 'unknownKey', message: expect.stringMatching(/"2025"/) },
    });
  });
  it('refuses an entry moved to another key id', () => {
    const rows = extend(chain(3, k1), 6, k2);
    rows[4] = { ...rows[4]!, keyId: '2025' };
    expect(verifyChain(rows, headOf(rows), new AuditKeyRing(k2, [k1]))).toMatchObject({
      ok: false,
      firstBad: { seq: 5, reason: 'altered' },
    });
  });
});

describe('entries from before audit keys', () => {
  /** Three unkeyed entries, the seal naming them, then keyed ones. */
  function sealedLegacy(): AuditEntry[] {
    const rows = extend([], 3, null);
    const last = rows.at(-1)!;
    extend(rows, 4, testKey(), {
      action: SEAL_ACTION,
      summary: { sealedSeq: last.seq, sealedHash: last.hash, keyId: testKey().id },
    });
    return extend(rows, 6, testKey());
  }

  it('verify the old way up to the seal that names them', () => {
    const rows = sealedLegacy();
    expect(verifyChain(rows, headOf(rows), KEYS)).toMatchObject({ ok: true, headSeq: 6 });
  });

  it('are caught when rewritten and recomputed, at the seal that vouches for them', () => {
    const rows = sealedLegacy();
    rows[1] = { ...rows[1]!, summary: { n: 99 } };
    const rewritten = rows.slice(0, 3);
    recompute(rewritten, 2, legacyEntryHash);
    const all = [...rewritten, ...rows.slice(3)];
    expect(verifyChain(all, headOf(all), KEYS)).toMatchObject({
      ok: false,
      firstBad: { seq: 3, reason: 'altered' },
    });
  });

  it('are refused when no seal names them', () => {
    const rows = extend(extend([], 3, null), 5, testKey());
    expect(verifyChain(rows, headOf(rows), KEYS)).toMatchObject({
      ok: false,
      firstBad: { seq: 4, reason: 'altered', message: expect.stringMatching(/keys were stripped/) },
    });
  });
});
