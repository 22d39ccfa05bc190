/**
 * Which log seqs of one document a node has integrated. Seqs are per
 * document and contiguous in the store, but they reach a node out of order
 * (its own commits, other nodes' messages) and may not reach it at all (a
 * Redis blip). `contiguous` is the highest seq below which nothing is
 * missing; a seq past a hole is held in `ahead` until the hole fills, and a
 * hole that lasts is closed by reading the log from the store.
 */
export class SeqTracker {
  private readonly ahead = new Set<number>();

  constructor(public contiguous = 0) {}

  /** Records `seq`; false when it was already known (nothing to apply). */
  see(seq: number): boolean {
    if (seq <= this.contiguous || this.ahead.has(seq)) return false;
    this.ahead.add(seq);
    while (this.ahead.delete(this.contiguous + 1)) this.contiguous++;
    return true;
  }

  /** Whether `seq` was already integrated. */
  has(seq: number): boolean {
    return seq <= this.contiguous || this.ahead.has(seq);
  }

  /** True when a seq past a hole is waiting. */
  get gapped(): boolean {
    return this.ahead.size > 0;
  }

  /** The highest seq known (the head this node can vouch for, holes or not). */
  get head(): number {
    let head = this.contiguous;
    for (const seq of this.ahead) if (seq > head) head = seq;
    return head;
  }

  /** Everything through `seq` is integrated (the log was read up to it). */
  caughtUpTo(seq: number): void {
    if (seq > this.contiguous) this.contiguous = seq;
    for (const s of this.ahead) if (s <= this.contiguous) this.ahead.delete(s);
    while (this.ahead.delete(this.contiguous + 1)) this.contiguous++;
  }
}
