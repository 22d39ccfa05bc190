import type { IntegrationEvent } from './events';

/** How long edits are gathered into one `annotation.updated` event. */
export interface CoalesceWindow {
  /** The event goes out once the editor has paused this long… */
  quietMs: number;
  /** …or this long after their first edit of the burst, whichever is first. */
  maxMs: number;
}

/** Two seconds of quiet, at most a minute: the audit trail's per-user-per-minute model, sooner. */
export const DEFAULT_COALESCE: CoalesceWindow = { quietMs: 2000, maxMs: 60_000 };

interface Pending {
  event: IntegrationEvent;
  edits: number;
  firstAt: number;
  timer: NodeJS.Timeout;
}

const annotationOf = (e: IntegrationEvent) => {
  const d = e.data as { docId?: string; annotation?: { id?: string } };
  return `${e.tenantId}\n${e.workspaceId}\n${d.docId ?? ''}\n${d.annotation?.id ?? ''}`;
};

/**
 * Summarises CRDT edits into events: the `annotation.updated` events one
 * person makes on one annotation in a burst (keystrokes in a title, say)
 * become one, carrying the newest state and `data.edits` (how many updates it
 * stands for). Every other event passes at once — after any gathered edits of
 * the same annotation, so receivers see them in order. `flush` sends what is
 * gathered (on shutdown).
 */
export class UpdateCoalescer {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly publish: (events: IntegrationEvent[]) => void,
    private readonly window: CoalesceWindow = DEFAULT_COALESCE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes the events of one update, in order. */
  add(events: readonly IntegrationEvent[]): void {
    const out: IntegrationEvent[] = [];
    for (const e of events) {
      const annotation = annotationOf(e);
      if (e.event !== 'annotation.updated') {
        out.push(...this.take((key) => key.startsWith(`${annotation}\n`)), e);
        continue;
      }
      const key = `${annotation}\n${e.actor?.id ?? ''}`;
      const held = this.pending.get(key);
      if (held) clearTimeout(held.timer);
      const firstAt = held?.firstAt ?? this.now();
      const wait = Math.max(
        0,
        Math.min(this.window.quietMs, firstAt + this.window.maxMs - this.now()),
      );
      const timer = setTimeout(() => this.publish(this.take((k) => k === key)), wait);
      timer.unref();
      this.pending.set(key, { event: e, edits: (held?.edits ?? 0) + 1, firstAt, timer });
    }
    if (out.length > 0) this.publish(out);
  }

  /** Sends every gathered event now. */
  flush(): void {
    const all = this.take(() => true);
    if (all.length > 0) this.publish(all);
  }

  private take(which: (key: string) => boolean): IntegrationEvent[] {
    const out: IntegrationEvent[] = [];
    for (const [key, p] of this.pending) {
      if (!which(key)) continue;
      clearTimeout(p.timer);
      this.pending.delete(key);
      out.push({ ...p.event, data: { ...p.event.data, edits: p.edits } });
    }
    return out;
  }
}
