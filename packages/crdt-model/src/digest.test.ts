import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalState, documentDigest } from './digest';

type Op =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; len: number }
  | { op: 'child'; key: string }
  | { op: 'childText'; key: string; text: string }
  | { op: 'drop'; key: string }
  | { op: 'sync'; to: number };

const key = fc.constantFrom('a', 'b', 'c');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('insert'), at: fc.nat(40), text: fc.string({ minLength: 1 }) }),
  fc.record({ op: fc.constant('delete'), at: fc.nat(40), len: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('child'), key }),
  fc.record({ op: fc.constant('childText'), key, text: fc.string({ minLength: 1 }) }),
  fc.record({ op: fc.constant('drop'), key }),
  fc.record({ op: fc.constant('sync'), to: fc.nat(2) }),
) as fc.Arbitrary<Op>;

function apply(docs: Y.Doc[], i: number, o: Op): void {
  const doc = docs[i]!;
  const text = doc.getText('t');
  const map = doc.getMap<unknown>('m');
  if (o.op === 'insert') text.insert(Math.min(o.at, text.length), o.text);
  if (o.op === 'delete' && text.length > 0) {
    const at = Math.min(o.at, text.length - 1);
    text.delete(at, Math.min(o.len, text.length - at));
  }
  if (o.op === 'child') map.set(o.key, new Y.Map());
  if (o.op === 'childText') {
    const child = map.get(o.key);
    if (!(child instanceof Y.Map)) return;
    const body = child.get('body');
    if (body instanceof Y.Text) body.insert(body.length, o.text);
    else child.set('body', new Y.Text(o.text));
  }
  if (o.op === 'drop') map.delete(o.key);
  if (o.op === 'sync' && o.to !== i) {
    const missing = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(docs[o.to]!));
    Y.applyUpdate(docs[o.to]!, missing, 'remote');
  }
}

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

describe('documentDigest', () => {
  it('is equal for replicas that received the same edits in any order and grouping', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(2), opArb), { minLength: 20, maxLength: 50 }),
        fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
        async (steps, seeds) => {
          const docs = [0, 1, 2].map(() => new Y.Doc());
          const made: Uint8Array[] = [];
          for (const d of docs)
            d.on('update', (u: Uint8Array, o) => o !== 'remote' && made.push(u));
          for (const [i, o] of steps) apply(docs, i, o);
          // each replica gets every edit again, one at a time, in its own shuffled order
          docs.forEach((doc, i) => {
            const order = made
              .map((u, n) => ({ u, k: (n * 7919 + seeds[i]!) % 10007 }))
              .sort((x, y) => x.k - y.k);
            for (const { u } of order) Y.applyUpdate(doc, u, 'remote');
          });
          const digests = await Promise.all(docs.map(documentDigest));
          expect(new Set(digests.map((d) => d.stateVector)).size).toBe(1);
          expect(new Set(digests.map((d) => d.sha256)).size).toBe(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('differs when the same ids carry other content, though the state vectors match', async () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'calibration QX7');
    const state = Y.encodeStateAsUpdate(doc);
    const at = hex(state).indexOf(hex(new TextEncoder().encode('QX7'))) / 2;
    const damaged = state.slice();
    damaged[at] = 'Z'.charCodeAt(0);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, damaged);
    const [a, b] = await Promise.all([documentDigest(doc), documentDigest(copy)]);
    expect(b.stateVector).toBe(a.stateVector);
    expect(b.sha256).not.toBe(a.sha256);
  });

  it('sees removals the state vector cannot', async () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'abc');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    // a removal is not an item: the state vector stays, the delete set changes
    doc.getText('t').delete(0, 1);
    const [a, b] = await Promise.all([documentDigest(doc), documentDigest(other)]);
    expect(b.stateVector).toBe(a.stateVector);
    expect(b.sha256).not.toBe(a.sha256);
    expect(hex(canonicalState(doc))).not.toBe(hex(canonicalState(other)));
  });
});
