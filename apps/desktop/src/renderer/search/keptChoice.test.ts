import { describe, expect, it } from 'vitest';
import { newId, type SearchHit } from '@fieldbook/shared';
import { hitKey, keptChoice } from './keptChoice';

const note = (title: string): SearchHit => ({
  kind: 'note',
  documentId: newId(),
  annotationId: null,
  commentId: null,
  title,
  snippet: title,
  tags: [],
  author: 'ada',
  status: null,
  channels: [],
  from: null,
  to: null,
  updatedAt: 0,
  trashed: false,
  score: 1,
});

describe('the palette keeps the chosen hit when results arrive again', () => {
  const daily = note('Daily log');
  const pump = note('Pump cavitation');

  it('follows the chosen hit to where it now stands when a new hit ranks above it', () => {
    const arrived = [note('Impeller wear'), daily, pump];
    expect(keptChoice(arrived, hitKey(pump))).toBe(2);
    expect(keptChoice(arrived, hitKey(daily))).toBe(1);
  });

  it('falls back to the first hit when nothing was chosen or the chosen hit is gone', () => {
    expect(keptChoice([daily, pump], null)).toBe(0);
    expect(keptChoice([daily], hitKey(pump))).toBe(0);
    expect(keptChoice([], hitKey(pump))).toBe(0);
  });

  it('tells an annotation and its comments apart', () => {
    const annotation: SearchHit = { ...daily, kind: 'annotation', annotationId: newId() };
    const comment: SearchHit = { ...annotation, kind: 'comment', commentId: newId() };
    expect(keptChoice([annotation, comment], hitKey(comment))).toBe(1);
  });
});
