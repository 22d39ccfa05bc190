import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { relieveHeap } from './heapRelief';

const used = () => getHeapStatistics().used_heap_size;
const MiB = 1024 * 1024;

describe('relieveHeap', () => {
  it('collects the garbage of a dropped document once the heap grew by the threshold', () => {
    relieveHeap(0);
    // Long-lived enough to be promoted to old space, as a collection document is.
    let rows: { id: string; at: number }[] | null = Array.from({ length: 600_000 }, (_, i) => ({
      id: `annotation-${i}`,
      at: i,
    }));
    expect(rows.length).toBe(600_000);
    rows = null;
    const before = used();
    relieveHeap(8 * MiB);
    expect(before - used()).toBeGreaterThan(16 * MiB);
  });
});
