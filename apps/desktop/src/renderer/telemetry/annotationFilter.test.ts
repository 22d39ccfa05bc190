import { describe, expect, it } from 'vitest';
import type { Annotation, Comment } from '@fieldbook/shared';
import { NO_FILTER, filterAnnotations, threadComments } from './annotationFilter';

const ann = (id: string, over: Partial<Annotation>): Annotation => ({
  id,
  kind: 'range',
  anchor: { channels: ['c'], t: 0, t2: 10 },
  title: id,
  body: '',
  tags: [],
  style: {},
  status: 'draft',
  author: 'ann',
  createdAt: 0,
  updatedAt: 0,
  comments: [],
  attachments: [],
  ...over,
});

describe('annotation filters and threads', () => {
  const list = [
    ann('a', { tags: ['spike'], anchor: { channels: ['c'], t: 100, t2: 200 } }),
    ann('b', { author: 'bob', status: 'approved', anchor: { channels: ['c'], t: 5, y: 1 } }),
    ann('c', { tags: ['spike'], author: 'bob', anchor: { channels: ['c'], t: 300, t2: 400 } }),
  ];
  it('filters by tag, author, status and time span, in time order', () => {
    expect(filterAnnotations(list, NO_FILTER).map((a) => a.id)).toEqual(['b', 'a', 'c']);
    expect(filterAnnotations(list, { ...NO_FILTER, tag: 'spike' }).map((a) => a.id)).toEqual([
      'a',
      'c',
    ]);
    expect(
      filterAnnotations(list, { ...NO_FILTER, author: 'bob', status: 'draft' }).map((a) => a.id),
    ).toEqual(['c']);
    expect(filterAnnotations(list, { ...NO_FILTER, from: 150, to: 310 }).map((a) => a.id)).toEqual([
      'a',
      'c',
    ]);
  });

  it('threads replies under their parents', () => {
    const c = (id: string, parentId: string | null): Comment => ({
      id,
      parentId,
      author: 'x',
      body: id,
      ts: 0,
      editedAt: null,
      resolved: false,
    });
    const threads = threadComments([c('1', null), c('2', '1'), c('3', '2'), c('4', null)]);
    expect(threads.map((t) => t.comment.id)).toEqual(['1', '4']);
    expect(threads[0]!.replies[0]!.replies[0]!.comment.id).toBe('3');
  });
});
