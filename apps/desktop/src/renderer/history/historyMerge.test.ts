import type { HistoryEntry } from '@fieldbook/shared';
import { describe, expect, it } from 'vitest';
import { mergeHistory } from './historyMerge';
import type { LocalEntry } from './localHistory';

const MIN = 60_000;

function entry(id: string, actor: string, startedAt: number, endedAt: number): HistoryEntry {
  return {
    id,
    firstSeq: 1,
    lastSeq: 1,
    actor,
    actorName: null,
    session: 's',
    kind: 'edit',
    ref: null,
    startedAt,
    endedAt,
    updates: 1,
    bytes: 10,
    summary: { text: { inserted: 3, deleted: 0, headings: [] } },
  };
}
const local = (
  id: string,
  actor: string,
  at: number,
  acked: boolean,
  known = true,
): LocalEntry => ({
  ...entry(id, actor, at, at + MIN),
  acked,
  known,
});

describe('mergeHistory', () => {
  const server = [entry('7', 'ann', 10 * MIN, 12 * MIN), entry('1', 'bob', 0, 2 * MIN)];

  it('offline: the local history as it is, every entry marked local', () => {
    const l = [local('local:3', 'ann', 20 * MIN, false), local('local:1', 'ann', 0, true)];
    const merged = mergeHistory(null, l);
    expect(merged.map((e) => e.id)).toEqual(['local:3', 'local:1']);
    expect(merged.every((e) => e.local)).toBe(true);
  });

  it('online: server entries plus unacknowledged local ones, newest first, without duplicates', () => {
    const l = [
      local('local:9', 'ann', 30 * MIN, false), // offline edit not on the server yet
      local('local:8', 'ann', 10.5 * MIN, false), // live edit the server already lists
      local('local:5', 'ann', 10 * MIN, true), // acknowledged
      local('local:1', '', 0, false, false), // before times were kept
    ];
    const merged = mergeHistory(server, l);
    expect(merged.map((e) => e.id)).toEqual(['local:9', '7', '1']);
    expect(merged.map((e) => Boolean(e.local))).toEqual([true, false, false]);
  });

  it('keeps a pending local entry of another person in the same window', () => {
    const merged = mergeHistory(server, [local('local:4', 'cat', 10.5 * MIN, false)]);
    expect(merged.map((e) => e.id)).toEqual(['7', 'local:4', '1']);
  });
});
