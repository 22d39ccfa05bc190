import { describe, expect, it } from 'vitest';
import { DropOldestQueue } from './liveQueue';

describe('DropOldestQueue', () => {
  it('keeps the newest `capacity` messages in order and reports what it dropped once', () => {
    const q = new DropOldestQueue<number>(3);
    for (let i = 1; i <= 5; i++) q.push(i);
    expect(q.length).toBe(3);
    expect(q.dropped).toBe(2);
    expect(q.take()).toEqual({ item: 3, droppedBefore: 2 });
    expect(q.take()).toEqual({ item: 4, droppedBefore: 0 });
    q.push(6);
    expect(q.take()).toEqual({ item: 5, droppedBefore: 0 });
    expect(q.take()).toEqual({ item: 6, droppedBefore: 0 });
    expect(q.take()).toBeNull();
  });

  it('stays bounded over a long overload', () => {
    const q = new DropOldestQueue<number>(10);
    for (let i = 0; i < 100_000; i++) q.push(i);
    expect(q.length).toBe(10);
    expect(q.dropped).toBe(99_990);
    expect(q.take()!.item).toBe(99_990);
  });

  it('refuses a capacity below one', () => {
    expect(() => new DropOldestQueue(0)).toThrow(RangeError);
  });
});
