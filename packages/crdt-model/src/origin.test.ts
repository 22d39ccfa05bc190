import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { isFieldbookError } from '@fieldbook/shared';
import { createAnnotation, createAnnotationCollection } from './annotations/mutations';
import { readAnnotationCollection } from './annotations/reader';
import { annotationsOf } from './annotations/structure';
import { actorOf, actorOrigin, stampOf } from './origin';

describe('origins', () => {
  it('makes a frozen origin per actor and stamps changes with its clock', () => {
    const me = actorOrigin('alice', () => 1234.9);
    expect(Object.isFrozen(me)).toBe(true);
    expect(stampOf(me)).toBe(1234);
    expect(stampOf(actorOrigin('bob'))).toBeGreaterThan(1_600_000_000_000);
  });

  it('rejects an origin without an actor or with a bad clock', () => {
    for (const bad of [() => actorOrigin(''), () => stampOf(actorOrigin('a', () => NaN))]) {
      let caught: unknown;
      try {
        bad();
      } catch (err) {
        caught = err;
      }
      expect(isFieldbookError(caught, 'VALIDATION_ERROR')).toBe(true);
    }
  });

  it('reads the actor back from a transaction', () => {
    const doc = new Y.Doc();
    const actors: (string | null)[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => actors.push(actorOf(tr)));
    doc.transact(() => doc.getMap('m').set('a', 1), actorOrigin('carol'));
    doc.transact(() => doc.getMap('m').set('a', 2), 'some-provider');
    expect(actors).toEqual(['carol', null]);
  });

  it("lets a Y.UndoManager tracking one user's origin undo only that user's actions", () => {
    const doc = new Y.Doc();
    const alice = actorOrigin('alice');
    const bob = actorOrigin('bob');
    createAnnotationCollection(doc, { name: 'c' }, alice);
    const undo = new Y.UndoManager(annotationsOf(doc), { trackedOrigins: new Set([alice]) });
    const mine = createAnnotation(
      doc,
      { kind: 'point', anchor: { channels: ['a'], t: 1, y: 1 } },
      alice,
    );
    undo.stopCapturing();
    const theirs = createAnnotation(
      doc,
      { kind: 'point', anchor: { channels: ['a'], t: 2, y: 1 } },
      bob,
    );
    expect(readAnnotationCollection(doc).annotations.map((a) => a.id)).toEqual([mine, theirs]);
    undo.undo();
    expect(readAnnotationCollection(doc).annotations.map((a) => a.id)).toEqual([theirs]);
    undo.redo();
    expect(readAnnotationCollection(doc).annotations).toHaveLength(2);
  });
});
