import type { HistoryEntry } from '@fieldbook/shared';
import { describe, expect, it } from 'vitest';
import { mergedSince, mergedText } from './mergedOffline';

const entry = (firstSeq: number, actor: string, endedAt: number, updates: number) =>
  ({
    id: String(firstSeq),
    firstSeq,
    lastSeq: firstSeq + updates - 1,
    actor,
    actorName: null,
    session: `${actor}-s`,
    kind: 'edit',
    ref: null,
    startedAt: endedAt - 10,
    endedAt,
    updates,
    bytes: updates * 20,
    summary: {},
  }) satisfies HistoryEntry;

const names: Record<string, string> = { ada: 'Ada Okafor', bo: 'Bo Lindqvist', cy: 'Cy Rao' };

describe('the merged-offline notice', () => {
  it('counts the changes logged since going offline per person, yours first', () => {
    const entries = [
      entry(40, 'ada', 5_000, 3),
      entry(30, 'bo', 4_000, 12),
      entry(20, 'cy', 3_000, 1),
      entry(10, 'ada', 1_000, 50),
    ];
    const merged = mergedSince(entries, 2_000, 'ada', (a) => names[a]!);
    expect(merged).toEqual({
      parts: [
        { actor: 'ada', name: 'Ada Okafor', updates: 3 },
        { actor: 'bo', name: 'Bo Lindqvist', updates: 12 },
        { actor: 'cy', name: 'Cy Rao', updates: 1 },
      ],
      total: 16,
      fromSeq: 20,
    });
    expect(mergedText(merged!, 'ada')).toBe(
      'Your offline edits, 12 changes from Bo Lindqvist and 1 change from Cy Rao',
    );
  });

  it('names only others when you changed nothing offline', () => {
    const merged = mergedSince([entry(30, 'bo', 4_000, 1)], 2_000, 'ada', (a) => names[a]!);
    expect(mergedText(merged!, 'ada')).toBe('1 change from Bo Lindqvist');
  });

  it('says nothing when nothing was logged since', () => {
    expect(mergedSince([entry(10, 'bo', 1_000, 4)], 2_000, 'ada', (a) => a)).toBeNull();
  });
});
