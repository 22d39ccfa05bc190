/**
 * A bounded outgoing queue for one live viewer. A viewer that reads slower
 * than samples arrive must not grow server memory without limit: past
 * `capacity` the oldest queued message is dropped and counted, and the count
 * is told to the viewer with the next message it gets.
 */
export class DropOldestQueue<T> {
  private items: T[] = [];
  private head = 0;
  /** Messages dropped since the viewer was last told. */
  private unreported = 0;
  /** Messages dropped over the queue's life. */
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be >= 1');
  }

  get length(): number {
    return this.items.length - this.head;
  }

  /** Adds a message, dropping the oldest one when full. */
  push(item: T): void {
    if (this.length >= this.capacity) {
      this.head++;
      this.dropped++;
      this.unreported++;
    }
    this.items.push(item);
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  /** The oldest message and how many were dropped before it since the last take; null when empty. */
  take(): { item: T; droppedBefore: number } | null {
    if (this.length === 0) return null;
    const item = this.items[this.head++]!;
    const droppedBefore = this.unreported;
    this.unreported = 0;
    if (this.length === 0) {
      this.items = [];
      this.head = 0;
    }
    return { item, droppedBefore };
  }
}
