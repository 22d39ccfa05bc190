import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AnnotationIndex,
  actorOrigin,
  createAnnotationCollection,
  createAnnotations,
  editAnnotation,
} from '@fieldbook/crdt-model';
import { relatedAnnotations, visibleRange, type RelatedContext } from './relatedAnnotations';

const origin = actorOrigin('ada');
const MIN = 60_000;
let index: AnnotationIndex | null = null;
afterEach(() => index?.destroy());

/** A collection of range annotations `[id, channel, from minute, to minute, tags]`; its index. */
function collection(rows: [string, string, number, number, string[]][]) {
  const doc = new Y.Doc();
  createAnnotationCollection(doc, { name: 'Events' }, origin);
  const ids = createAnnotations(
    doc,
    rows.map(([title, channel, from, to, tags]) => ({
      kind: 'range' as const,
      anchor: { channels: [channel], t: from * MIN, t2: to * MIN },
      title,
      tags,
    })),
    origin,
  );
  index = new AnnotationIndex(doc);
  const idOf = Object.fromEntries(rows.map(([title], i) => [title, ids[i]!]));
  return { doc, index, idOf };
}

const view = (over: Partial<RelatedContext> = {}): RelatedContext => ({
  channels: ['volt'],
  from: 10 * MIN,
  to: 20 * MIN,
  tags: [],
  excludeId: null,
  ...over,
});
const titles = (found: ReturnType<typeof relatedAnnotations>) =>
  found.map((r) => r.annotation.title);

describe('related annotations of a chart', () => {
  it('suggests what overlaps the visible range on the chart channels, nearest the middle first', () => {
    const { index } = collection([
      ['edge', 'volt', 5, 10, []],
      ['middle', 'volt', 14, 16, []],
      ['late', 'volt', 19, 30, []],
      ['other channel', 'amps', 14, 16, []],
      ['before', 'volt', 0, 9, []],
    ]);
    const found = relatedAnnotations(index, view());
    expect(titles(found)).toEqual(['middle', 'edge', 'late']);
    expect(found.every((r) => r.inView && r.sharedTags.length === 0)).toBe(true);
    expect(relatedAnnotations(index, view({ channels: ['volt', 'amps'] }))).toHaveLength(4);
    expect(relatedAnnotations(index, view({ channels: [] }))).toEqual([]);
  });

  it('adds annotations on the channels sharing a tag anywhere in time, ranked by reasons', () => {
    const { index, idOf } = collection([
      ['selected', 'volt', 15, 16, ['power', 'storm']],
      ['in view, shares power', 'volt', 12, 13, ['power']],
      ['in view only', 'volt', 15, 17, []],
      ['last year, shares both', 'volt', -500_000, -499_000, ['storm', 'power']],
      ['next week, shares storm', 'volt', 10_000, 10_010, ['storm']],
      ['shares storm on another channel', 'amps', 15, 16, ['storm']],
    ]);
    const found = relatedAnnotations(
      index,
      view({ tags: ['power', 'storm'], excludeId: idOf['selected']! }),
    );
    expect(titles(found)).toEqual([
      'in view, shares power',
      'last year, shares both',
      'next week, shares storm',
      'in view only',
    ]);
    expect(found[1]).toMatchObject({ inView: false, sharedTags: ['power', 'storm'] });
    expect(relatedAnnotations(index, view({ tags: ['storm'], limit: 2 }))).toHaveLength(2);
  });

  it('follows the collection: a new tag brings an annotation in', () => {
    const { doc, index, idOf } = collection([
      ['far away', 'volt', 1000, 1001, []],
      ['here', 'volt', 15, 16, []],
    ]);
    expect(titles(relatedAnnotations(index, view({ tags: ['thermal'] })))).toEqual(['here']);
    editAnnotation(doc, { id: idOf['far away']!, addTags: ['thermal'] }, origin);
    expect(titles(relatedAnnotations(index, view({ tags: ['thermal'] })))).toEqual([
      'far away',
      'here',
    ]);
  });

  it('reads the visible range of live and fixed windows', () => {
    expect(visibleRange({ mode: 'live', lastMs: 5 * MIN }, 100 * MIN)).toEqual({
      from: 95 * MIN,
      to: 100 * MIN,
    });
    expect(visibleRange({ mode: 'fixed', from: 1, to: 2 }, 100 * MIN)).toEqual({ from: 1, to: 2 });
  });
});
