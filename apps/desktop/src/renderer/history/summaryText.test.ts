import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@fieldbook/shared';
import { entryText } from './summaryText';

const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
  id: '1',
  firstSeq: 1,
  lastSeq: 3,
  actor: 'u',
  actorName: 'Ada',
  session: 's',
  kind: 'edit',
  ref: null,
  startedAt: 0,
  endedAt: 0,
  updates: 3,
  bytes: 30,
  summary: {},
  ...over,
});

describe('history entries in words', () => {
  it('says what a note edit did and where', () => {
    const text = { inserted: 42, deleted: 1, headings: ['Setup'] };
    expect(entryText(entry({ summary: { text } }))).toBe(
      'Typed 42 characters, deleted 1 character under “Setup”',
    );
  });

  it('names one annotation by its title, counts several', () => {
    const summary = {
      annotations: {
        created: { count: 1, ids: ['a'] },
        approved: { count: 3, ids: ['a', 'b', 'c'] },
      },
      labels: { a: 'Dust storm' },
    };
    expect(entryText(entry({ summary }))).toBe('Created “Dust storm” · approved 3 annotations');
  });

  it('says a restore brought back a named version', () => {
    expect(entryText(entry({ kind: 'restore', ref: 'v' }), 'Before the storm')).toBe(
      'Restored “Before the storm”',
    );
    expect(entryText(entry({ kind: 'restore', ref: '12' }))).toBe('Restored an earlier version');
  });

  it('panels of a view', () => {
    const summary = { panels: { added: { count: 1, ids: ['p'] } }, labels: { p: 'Power' } };
    expect(entryText(entry({ summary }))).toBe('Added panel “Power”');
  });
});
