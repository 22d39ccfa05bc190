import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { AnnotationCollectionSnapshotSchema } from '@fieldbook/shared';
import { createAnnotation, createAnnotationCollection } from './annotations/mutations';
import { readAnnotationCollection } from './annotations/reader';
import { annotationsOf } from './annotations/structure';
import { MigrationRegistry, migrate, migrations } from './migrations';
import { createNote } from './note/mutations';
import { SCHEMA_VERSION, metaOf, schemaVersionOf } from './schemaVersion';
import { expectRejected, testOrigin, updatesOf } from './testSupport';

/**
 * A version-2 annotation collection requires every annotation to carry a
 * style colour; version-1 documents may lack it, and the step fills it in.
 */
function v2Registry() {
  return new MigrationRegistry({ annotations: 2 }).register('annotations', 1, (doc) => {
    for (const annotation of annotationsOf(doc).values()) {
      const style = annotation.get('style') as Record<string, unknown>;
      if (style.color === undefined) annotation.set('style', { ...style, color: '#888888' });
    }
  });
}

function v1Collection() {
  const doc = new Y.Doc();
  const me = testOrigin();
  createAnnotationCollection(doc, { name: 'old' }, me);
  createAnnotation(doc, { kind: 'point', anchor: { channels: ['a'], t: 1, y: 1 } }, me);
  createAnnotation(
    doc,
    { kind: 'point', anchor: { channels: ['a'], t: 2, y: 1 }, style: { color: '#ff0000' } },
    me,
  );
  return { doc, me };
}

describe('schema versions and migrations', () => {
  it('stores the current schema version in meta', () => {
    const { doc } = v1Collection();
    expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION.annotations);
    expect(metaOf(doc).get('kind')).toBe('annotations');
  });

  it('upgrades an old document as one forward update, filling what it lacks', () => {
    const { doc, me } = v1Collection();
    const registry = v2Registry();
    const updates = updatesOf(doc, () =>
      expect(registry.migrate(doc, 'annotations', me)).toEqual({ from: 1, to: 2 }),
    );
    expect(updates).toHaveLength(1);
    expect(updates[0]!.origin).toBe(me);
    const snap = AnnotationCollectionSnapshotSchema.parse(readAnnotationCollection(doc));
    expect(snap.schemaVersion).toBe(2);
    expect(snap.annotations.map((a) => a.style.color)).toEqual(['#888888', '#ff0000']);
    // Running it again changes nothing.
    expect(updatesOf(doc, () => registry.migrate(doc, 'annotations', me))).toHaveLength(0);
  });

  it('reaches the same state when two replicas migrate concurrently', () => {
    const a = v1Collection();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc));
    v2Registry().migrate(a.doc, 'annotations', a.me);
    v2Registry().migrate(b, 'annotations', testOrigin('bob'));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc));
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b));
    expect(readAnnotationCollection(b)).toEqual(readAnnotationCollection(a.doc));
    expect(schemaVersionOf(b)).toBe(2);
  });

  it('refuses newer, foreign, empty or unmigratable documents without touching them', () => {
    const { doc, me } = v1Collection();
    v2Registry().migrate(doc, 'annotations', me);
    const err = expectRejected(doc, 'MODEL_INVALID_OPERATION', () =>
      migrate(doc, 'annotations', me),
    );
    expect(err.message).toMatch(/newer than this Fieldbook reads/);
    expectRejected(doc, 'MODEL_INVALID_OPERATION', () => migrate(doc, 'note', me));
    expectRejected(new Y.Doc(), 'MODEL_INVALID_OPERATION', () => migrate(new Y.Doc(), 'view', me));
    const old = v1Collection().doc;
    expectRejected(old, 'MODEL_INVALID_OPERATION', () =>
      new MigrationRegistry({ annotations: 3 })
        .register('annotations', 1, () => {})
        .migrate(old, 'annotations', me),
    );
    expect(() => v2Registry().register('annotations', 1, () => {})).toThrow(/already registered/);
  });

  it('leaves documents at the shipped version alone', () => {
    const doc = new Y.Doc();
    const me = testOrigin();
    createNote(doc, { title: 'n' }, me);
    expect(migrations.targetVersion('note')).toBe(SCHEMA_VERSION.note);
    expect(updatesOf(doc, () => migrate(doc, 'note', me))).toHaveLength(0);
  });
});
