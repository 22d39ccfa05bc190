import { expect, it } from 'vitest';
import { QuietBursts } from './quietBursts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('hands on each key’s burst once, after it has been quiet', async () => {
  const ended: [string, string[]][] = [];
  const bursts = new QuietBursts<string[]>({ quietMs: 40, maxMs: 10_000 }, (k, g) =>
    ended.push([k, g]),
  );
  for (const word of ['a', 'b', 'c']) {
    bursts.add('note-1', (held) => [...(held ?? []), word]);
    bursts.add('note-2', (held) => [...(held ?? []), word.toUpperCase()]);
    await sleep(10);
  }
  expect(ended).toEqual([]);
  await sleep(100);
  expect(ended.sort()).toEqual([
    ['note-1', ['a', 'b', 'c']],
    ['note-2', ['A', 'B', 'C']],
  ]);
});

it('ends a burst that never pauses at maxMs, and the next arrival starts a new one', async () => {
  const ended: number[] = [];
  const bursts = new QuietBursts<number>({ quietMs: 40, maxMs: 100 }, (_k, n) => ended.push(n));
  const started = Date.now();
  let added = 0;
  while (Date.now() - started < 200) {
    bursts.add('k', (n) => (n ?? 0) + 1);
    added++;
    await sleep(10);
  }
  await sleep(80);
  expect(ended.length).toBeGreaterThanOrEqual(2);
  expect(ended.reduce((a, b) => a + b)).toBe(added);
});

it('take ends the picked bursts at once, and they are not handed on again', async () => {
  const ended: string[] = [];
  const bursts = new QuietBursts<string>({ quietMs: 30, maxMs: 1000 }, (k) => ended.push(k));
  bursts.add('a/1', () => 'x');
  bursts.add('a/2', () => 'y');
  bursts.add('b/1', () => 'z');
  expect(bursts.take((k) => k.startsWith('a/'))).toEqual([
    ['a/1', 'x'],
    ['a/2', 'y'],
  ]);
  await sleep(80);
  expect(ended).toEqual(['b/1']);
});
