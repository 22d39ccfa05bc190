/** When a burst ends: after `quietMs` with nothing new, or `maxMs` after its start, whichever is first. */
export interface BurstWindow {
  quietMs: number;
  maxMs: number;
}

interface Burst<T> {
  gathered: T;
  startedAt: number;
  timer: NodeJS.Timeout;
}

/**
 * Bursts of arrivals per key — keystrokes in one note, edits of one
 * annotation by one person — each handed on once, when it has ended (see
 * BurstWindow), so a summary says what the burst did rather than what each
 * keystroke did. Reacting per burst is what keeps such summaries off the
 * sync path and out of people's inboxes.
 */
export class QuietBursts<T> {
  private readonly open = new Map<string, Burst<T>>();

  constructor(
    private readonly window: BurstWindow,
    /** Called once per burst, when it has ended. */
    private readonly onEnd: (key: string, gathered: T) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds an arrival to `key`'s burst: `gather` folds it into what was gathered (undefined: a new burst). */
  add(key: string, gather: (gathered: T | undefined) => T): void {
    const held = this.open.get(key);
    if (held) clearTimeout(held.timer);
    const startedAt = held?.startedAt ?? this.now();
    const wait = Math.min(this.window.quietMs, startedAt + this.window.maxMs - this.now());
    const burst: Burst<T> = {
      gathered: gather(held?.gathered),
      startedAt,
      timer: setTimeout(
        () => {
          this.open.delete(key);
          this.onEnd(key, burst.gathered);
        },
        Math.max(0, wait),
      ),
    };
    burst.timer.unref();
    this.open.set(key, burst);
  }

  /** Ends the bursts whose keys `which` picks now, returning what they gathered instead of calling onEnd. */
  take(which: (key: string) => boolean): [key: string, gathered: T][] {
    const out: [string, T][] = [];
    for (const [key, burst] of this.open) {
      if (!which(key)) continue;
      clearTimeout(burst.timer);
      this.open.delete(key);
      out.push([key, burst.gathered]);
    }
    return out;
  }
}
