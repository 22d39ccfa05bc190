import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { Role } from '@fieldbook/shared';
import * as M from '../index';
import { actorOrigin } from '../origin';
import { updateOf } from '../testSupport';
import { UpdateChecker } from './updateChecker';
import type { WriteActor } from './types';

// A large server change (a restore, a merge) reaches the checker's scratch
// copy after the change's answer; a check made before must still see it.

const NOW = 1_700_000_000_000;
const who = (id: string, role: Role): WriteActor => ({ id, grant: { role, capabilities: [] } });
const alice = who('alice', 'contributor');
const at = (id: string) => actorOrigin(id, () => NOW);
const input = { kind: 'point' as const, anchor: { channels: ['a'], t: NOW, y: 1 } };

/** Makes `change` on `source` as the server does, passing its update to `checker.mirror`. */
function serverChange(source: Y.Doc, checker: UpdateChecker, change: () => void): number {
  const updates: Uint8Array[] = [];
  const record = (u: Uint8Array) => updates.push(u);
  source.on('update', record);
  change();
  source.off('update', record);
  for (const u of updates) checker.mirror(u);
  return updates.reduce((n, u) => n + u.byteLength, 0);
}

function setup() {
  const source = new Y.Doc();
  M.createAnnotationCollection(source, { name: 'Events' }, at('alice'));
  const checker = new UpdateChecker(source);
  // A first full check builds the scratch copy (it is made only when a check needs it).
  const first = updateOf(source, (d) =>
    M.createAnnotation(d, { ...input, title: 'first' }, at('alice')),
  );
  expect(checker.check(first, alice, { now: NOW }).refused).toEqual([]);
  Y.applyUpdate(source, first);
  // Large: many annotations by alice and one by bob, in one server change.
  const many = Array.from({ length: 600 }, (_, i) => ({ ...input, title: `a${i}`.repeat(20) }));
  let mine = '';
  let bobs = '';
  const bytes = serverChange(source, checker, () => {
    mine = M.createAnnotations(source, many, at('alice'))[0]!;
    bobs = M.createAnnotation(source, { ...input, title: 'bobs' }, at('bob'));
  });
  return { source, checker, mine, bobs, bytes };
}

describe('UpdateChecker.mirror of a large server change', () => {
  it('is seen by a check made at once: edits of its content are judged by their author', () => {
    const { source, checker, mine, bobs, bytes } = setup();
    expect(bytes).toBeGreaterThan(64 * 1024);
    const edit = (id: string) =>
      updateOf(source, (d) => M.editAnnotation(d, { id, title: 'x' }, at('alice')));
    const ok = checker.check(edit(mine), alice, { now: NOW });
    expect(ok.incomplete).toBeUndefined();
    expect(ok.refused).toEqual([]);
    expect(ok.changes.map((c) => c.action)).toContain('annotation.edit');
    const refused = checker.check(edit(bobs), alice, { now: NOW });
    expect(refused.incomplete).toBeUndefined();
    expect(refused.refused.map((c) => c.action)).toContain('annotation.edit');
    checker.destroy();
  });

  it('keeps later small server changes in order behind it, and catches up on its own', async () => {
    const { source, checker, bobs } = setup();
    serverChange(source, checker, () => M.deleteAnnotation(source, { id: bobs }, at('rita')));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const scratch = (checker as unknown as { scratch: Y.Doc }).scratch;
    expect(Y.encodeStateVector(scratch)).toEqual(Y.encodeStateVector(source));
    expect(M.readAnnotationCollection(scratch)).toEqual(M.readAnnotationCollection(source));
    expect(M.readAnnotation(scratch, bobs)).toBeNull();
    checker.destroy();
  });
});
