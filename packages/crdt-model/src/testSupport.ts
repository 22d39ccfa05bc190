// Helpers shared by this package's tests (not exported from the package).
import * as Y from 'yjs';
import { expect } from 'vitest';
import type { ErrorCode } from '@fieldbook/shared';
import { isFieldbookError } from '@fieldbook/shared';
import type { ModelOrigin } from './origin';
import { actorOrigin } from './origin';

/** An origin with a fixed, advancing clock so tests can assert time stamps. */
export function testOrigin(actor = 'alice', start = 1_700_000_000_000): ModelOrigin {
  let now = start;
  return actorOrigin(actor, () => now++);
}

/** Asserts that `change` throws a FieldbookError of `code` and leaves `doc` byte-for-byte as it was. */
export function expectRejected(doc: Y.Doc, code: ErrorCode, change: () => unknown): Error {
  const state = Y.encodeStateAsUpdate(doc);
  const vector = Y.encodeStateVector(doc);
  let updates = 0;
  const count = () => updates++;
  doc.on('update', count);
  let caught: unknown;
  try {
    change();
  } catch (err) {
    caught = err;
  } finally {
    doc.off('update', count);
  }
  expect(isFieldbookError(caught, code), `expected ${code}, got ${String(caught)}`).toBe(true);
  expect(updates).toBe(0);
  expect(Y.encodeStateVector(doc)).toEqual(vector);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
  return caught as Error;
}

/** Runs `change` and returns the updates it emitted with their origins. */
export function updatesOf(doc: Y.Doc, change: () => unknown): { origin: unknown }[] {
  const seen: { origin: unknown }[] = [];
  const record = (_u: Uint8Array, origin: unknown) => seen.push({ origin });
  doc.on('update', record);
  try {
    change();
  } finally {
    doc.off('update', record);
  }
  return seen;
}

/** Sends every update of each doc to the others (both directions, full state). */
export function syncAll(...docs: Y.Doc[]): void {
  for (const from of docs) {
    for (const to of docs) {
      if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
    }
  }
}

/** The update `change` makes on a fresh copy of `doc` (what a replica of it would send). */
export function updateOf(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}
