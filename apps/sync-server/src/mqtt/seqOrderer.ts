/** A message of a numbered stream: its first seq and how many seqs it spans. */
export interface Numbered {
  firstSeq: number;
  count: number;
}

/**
 * Puts one device's DDATA back in seq order. MQTT delivers a topic's messages
 * in order, but a republish after a reconnect can overtake: a message that
 * skips ahead is held (up to `windowMs`, at most `maxHeld` messages) for the
 * ones missing before it; when they come, everything is released in order,
 * and when the window ends first, what is held is released anyway — the
 * store then records the hole as a gap. Messages at or behind the expected
 * seq (duplicates, overlaps) are released at once: the store drops what it has.
 */
export class SeqOrderer<T extends Numbered> {
  private next: number | null;
  private readonly held = new Map<number, T>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly o: {
      windowMs: number;
      maxHeld: number;
      release: (items: T[]) => void;
      /** The seq expected next (stored seq + 1), or null when unknown. */
      expected: number | null;
    },
  ) {
    this.next = o.expected;
  }

  /** Messages waiting for an earlier one. */
  get holding(): number {
    return this.held.size;
  }

  offer(item: T): void {
    if (this.next === null || item.firstSeq <= this.next) {
      this.advance(item);
      this.o.release([item, ...this.drain()]);
      return;
    }
    if (!this.held.has(item.firstSeq)) this.held.set(item.firstSeq, item);
    if (this.held.size > this.o.maxHeld) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), this.o.windowMs);
  }

  /** Releases everything held, in seq order (the window ended or the stream stops). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const items = [...this.held.values()].sort((a, b) => a.firstSeq - b.firstSeq);
    this.held.clear();
    for (const item of items) this.advance(item);
    if (items.length > 0) this.o.release(items);
  }

  private advance(item: T): void {
    this.next = Math.max(this.next ?? 0, item.firstSeq + item.count);
  }

  /** Held messages that are now contiguous with what was released. */
  private drain(): T[] {
    const out: T[] = [];
    for (;;) {
      const ready = [...this.held.values()]
        .filter((h) => h.firstSeq <= this.next!)
        .sort((a, b) => a.firstSeq - b.firstSeq);
      if (ready.length === 0) break;
      for (const h of ready) {
        this.held.delete(h.firstSeq);
        this.advance(h);
        out.push(h);
      }
    }
    if (this.held.size === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    return out;
  }
}
