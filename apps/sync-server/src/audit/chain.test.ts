import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson';
import { GENESIS_HASH, entryHash, verifyChain } from './chain';
import type { AuditEntry } from './types';

/** A valid chain of `n` entries for one tenant. */
function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const body = {
      id: `id-${seq}`,
      tenantId: 't',
      seq,
      ts: 1_700_000_000_000 + seq,
      actor: { type: 'user' as const, id: 'u', label: 'u@x' },
      action: 'member.add',
      outcome: 'success' as const,
      resource: { type: 'user', id: `r${seq}` },
      workspaceId: null,
      summary: { n: seq },
      ip: null,
      requestId: null,
    };
    const hash = entryHash(prev, body);
    out.push({ ...body, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}
const headOf = (rows: AuditEntry[]) => ({ seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash });

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
  it('accepts an intact chain and an empty one', () => {
    const rows = chain(5);
    expect(verifyChain(rows, headOf(rows))).toEqual({ ok: true, checked: 5, headSeq: 5 });
    expect(verifyChain([], null)).toEqual({ ok: true, checked: 0, headSeq: 0 });
  });

  it('names an altered entry', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, action: 'member.remove' };
    expect(verifyChain(rows, headOf(rows))).toMatchObject({
      ok: false,
      firstBad: { seq: 3, reason: 'altered' },
    });
  });

  it('names an entry whose content and hash were both rewritten', () => {
    const rows = chain(5);
    const forged = { ...rows[1]!, summary: { n: 99 } };
    rows[1] = { ...forged, hash: entryHash(forged.prevHash, forged) };
    expect(verifyChain(rows, headOf(rows))).toMatchObject({
      ok: false,
      firstBad: { seq: 2, reason: 'altered' },
    });
  });

  it('names a deleted entry in the middle and at the end', () => {
    const rows = chain(5);
    const head = headOf(rows);
    expect(verifyChain([...rows.slice(0, 2), ...rows.slice(3)], head)).toMatchObject({
      ok: false,
      firstBad: { seq: 3, reason: 'missing' },
    });
    expect(verifyChain(rows.slice(0, 4), head)).toMatchObject({
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
    expect(verifyChain(swapped, headOf(rows))).toMatchObject({
      ok: false,
      firstBad: { seq: 3, reason: 'reordered' },
    });
  });

  it('names an inserted entry, forged or not', () => {
    const rows = chain(4);
    const shifted = rows.slice(2).map((r) => ({ ...r, seq: r.seq + 1 }));
    const fakeBody = { ...rows[1]!, id: 'fake', seq: 3, action: 'apiKey.create' };
    const naive = { ...fakeBody, prevHash: 'f'.repeat(64), hash: 'e'.repeat(64) };
    const forged = {
      ...fakeBody,
      prevHash: rows[1]!.hash,
      hash: entryHash(rows[1]!.hash, fakeBody),
    };
    const head = { seq: 5, hash: shifted.at(-1)!.hash };
    for (const fake of [naive, forged]) {
      expect(verifyChain([rows[0]!, rows[1]!, fake, ...shifted], head)).toMatchObject({
        ok: false,
        firstBad: { seq: 3, reason: 'inserted' },
      });
    }
  });

  it('names an entry appended behind the log', () => {
    const rows = chain(3);
    const head = headOf(rows);
    const extraBody = { ...rows[2]!, id: 'extra', seq: 4 };
    const extra = {
      ...extraBody,
      prevHash: rows[2]!.hash,
      hash: entryHash(rows[2]!.hash, extraBody),
    };
    expect(verifyChain([...rows, extra], head)).toMatchObject({
      ok: false,
      firstBad: { seq: 4, reason: 'inserted' },
    });
  });
});
