import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { columnsToSamples, type Sample } from '@fieldbook/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { DiskBuffer } from './diskBuffer';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'fieldbook-buffer-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const samples = (n: number, t0 = 0): Sample[] =>
  Array.from({ length: n }, (_, i) => ({ ch: 'x', t: t0 + i, value: i, quality: 'good' }));
const segmentFiles = (dir: string, stream = 's') => readdirSync(join(dir, 'streams', stream));

describe('DiskBuffer', () => {
  it('numbers samples from 1, keeps them across a reopen, and forgets what is acked', () => {
    const dir = tempDir();
    const a = new DiskBuffer(dir, { segmentBytes: 4096 });
    expect(a.append('s', samples(10))).toEqual({ firstSeq: 1, lastSeq: 10 });
    expect(a.append('s', samples(5))).toEqual({ firstSeq: 11, lastSeq: 15 });
    expect(a.nextEpoch()).toBe(1);
    a.close();
    const b = new DiskBuffer(dir, { segmentBytes: 4096 });
    expect(b.pending('s').map((x) => [x.firstSeq, x.lastSeq])).toEqual([
      [1, 10],
      [11, 15],
    ]);
    expect(columnsToSamples(JSON.parse(b.pending('s')[1]!.json))).toEqual(samples(5));
    expect(b.nextEpoch()).toBe(2);
    b.ack('s', 10);
    expect(b.depth()).toBe(5);
    expect(b.heldSeq()).toEqual({ s: 15 });
    expect(b.append('s', samples(1))).toEqual({ firstSeq: 16, lastSeq: 16 });
    b.close();
  });

  it('deletes fully acknowledged segments and keeps counting seqs after they are gone', () => {
    const dir = tempDir();
    const a = new DiskBuffer(dir, { segmentBytes: 4096 });
    for (let i = 0; i < 20; i++) a.append('s', samples(100));
    const before = segmentFiles(dir).length;
    expect(before).toBeGreaterThan(3);
    a.ack('s', 2000);
    expect(segmentFiles(dir).length).toBe(1);
    a.close();
    const b = new DiskBuffer(dir, { segmentBytes: 4096 });
    expect(b.append('s', samples(1)).firstSeq).toBe(2001);
    b.close();
  });

  it('ignores a torn last line left by a crash mid-write', () => {
    const dir = tempDir();
    const a = new DiskBuffer(dir);
    a.append('s', samples(3));
    a.close();
    const [file] = segmentFiles(dir);
    appendFileSync(join(dir, 'streams', 's', file!), '4 6 {"channels":["x"],"ch":[0,');
    const b = new DiskBuffer(dir);
    expect(b.pending('s').map((x) => x.lastSeq)).toEqual([3]);
    expect(b.append('s', samples(1)).firstSeq).toBe(4);
    b.close();
  });

  it('when full, drops the oldest segment and counts its samples as overflow', () => {
    const dir = tempDir();
    const a = new DiskBuffer(dir, { maxBytes: 20_000, segmentBytes: 4_000 });
    for (let i = 0; i < 50; i++) a.append('s', samples(40, i * 40));
    expect(a.size).toBeLessThanOrEqual(20_000);
    const dropped = a.overflow('s');
    expect(dropped).toBeGreaterThan(0);
    expect(a.pending('s')[0]!.firstSeq).toBe(dropped + 1);
    expect(a.depth() + dropped).toBe(2000);
    a.close();
    expect(new DiskBuffer(dir, { maxBytes: 20_000 }).overflow('s')).toBe(dropped);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially to the cap, jittered within [half, full]', () => {
    expect(backoffDelay(0, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelay(3, 100, 10_000, () => 1)).toBe(800);
    expect(backoffDelay(20, 100, 10_000, () => 0.5)).toBe(7500);
  });
});
