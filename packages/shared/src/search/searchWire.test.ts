import { describe, expect, it } from 'vitest';
import { newId } from '../ids';
import { hitKey, mergeHits, type SearchHit } from './searchWire';

const hit = (documentId: string, over: Partial<SearchHit> = {}): SearchHit => ({
  kind: 'note',
  documentId,
  annotationId: null,
  commentId: null,
  title: 't',
  snippet: 's',
  tags: [],
  author: 'u',
  status: null,
  channels: [],
  from: null,
  to: null,
  updatedAt: 1,
  trashed: false,
  score: 1,
  ...over,
});

describe('mergeHits', () => {
  it('keeps the server order, adds local-only hits after it, and never repeats a hit', () => {
    const [a, b, c] = [newId(), newId(), newId()];
    const merged = mergeHits([hit(a), hit(b)], [hit(c), hit(a, { title: 'newer', updatedAt: 5 })]);
    expect(merged.map(hitKey)).toEqual([hitKey(hit(a)), hitKey(hit(b)), hitKey(hit(c))]);
    expect(merged[0]!.title).toBe('newer');
  });
});
