import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import * as M from '../index';
import { testOrigin } from '../testSupport';
import { readKindAt } from './snapshotView';
import { advanceSnapshot, newHistoryDoc } from './snapshots';
import { AnnotationTimeline } from './timeline';

const me = testOrigin('ada');

describe('the annotation timeline, filled step by step', () => {
  it('keeps nothing until done, then serves each entry as the history doc reads it', () => {
    const doc = new Y.Doc();
    const log: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => log.push(u));
    M.createAnnotationCollection(doc, { name: 'Dust' }, me);
    const anchor = { channels: ['tau'], t: 0, t2: 1_000 };
    const inputs = Array.from({ length: 600 }, (_, i) => ({
      kind: 'range' as const,
      anchor,
      title: `Event ${i}`,
    }));
    const ids = M.createAnnotations(doc, inputs, me);
    const first = log.length;
    const edited = ids.filter((_, i) => i % 3 === 0);
    for (const id of edited) M.editAnnotation(doc, { id, title: `Seen ${id}` }, me);
    M.deleteAnnotation(doc, { id: ids[1]! }, me);
    const history = newHistoryDoc();
    for (const u of log) Y.applyUpdate(history, u);
    const entries = [
      { lastSeq: first, at: advanceSnapshot(null, log.slice(0, first)), parts: ids },
      {
        lastSeq: log.length,
        at: advanceSnapshot(null, log),
        parts: [...edited, ids[1]!],
      },
    ];

    const timeline = new AnnotationTimeline(history);
    const steps = timeline.keeping(entries);
    let yields = 0;
    while (!steps.next().done) {
      yields++;
      expect(timeline.keptThrough).toBe(0);
    }
    expect(yields).toBeGreaterThan(0);
    expect(timeline.keptThrough).toBe(log.length);
    for (const { lastSeq, at } of entries) {
      expect(timeline.snapshotAt(lastSeq, at, timeline.freshAt(lastSeq)!)).toEqual(
        readKindAt(history, 'annotations', at),
      );
    }
  });
});
