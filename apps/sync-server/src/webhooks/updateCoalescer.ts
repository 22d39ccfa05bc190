import { QuietBursts, type BurstWindow } from '../changes/quietBursts';
import type { IntegrationEvent } from './events';

/** Two seconds of quiet, at most a minute: the audit trail's per-user-per-minute model, sooner. */
export const DEFAULT_COALESCE: BurstWindow = { quietMs: 2000, maxMs: 60_000 };

interface Gathered {
  event: IntegrationEvent;
  edits: number;
}

const annotationOf = (e: IntegrationEvent) => {
  const d = e.data as { docId?: string; annotation?: { id?: string } };
  return `${e.tenantId}\n${e.workspaceId}\n${d.docId ?? ''}\n${d.annotation?.id ?? ''}`;
};

const withEdits = ({ event, edits }: Gathered): IntegrationEvent => ({
  ...event,
  data: { ...event.data, edits },
});

/**
 * Summarises CRDT edits into events: the `annotation.updated` events one
 * person makes on one annotation in a burst (keystrokes in a title, say)
 * become one, carrying the newest state and `data.edits` (how many updates it
 * stands for). Every other event passes at once — after any gathered edits of
 * the same annotation, so receivers see them in order. `flush` sends what is
 * gathered (on shutdown).
 */
export class UpdateCoalescer {
  private readonly bursts: QuietBursts<Gathered>;

  constructor(
    private readonly publish: (events: IntegrationEvent[]) => void,
    window: BurstWindow = DEFAULT_COALESCE,
    now: () => number = Date.now,
  ) {
    this.bursts = new QuietBursts(window, (_key, gathered) => publish([withEdits(gathered)]), now);
  }

  /** Takes the events of one update, in order. */
  add(events: readonly IntegrationEvent[]): void {
    const out: IntegrationEvent[] = [];
    for (const e of events) {
      const annotation = annotationOf(e);
      if (e.event !== 'annotation.updated') {
        out.push(...this.take((key) => key.startsWith(`${annotation}\n`)), e);
        continue;
      }
      this.bursts.add(`${annotation}\n${e.actor?.id ?? ''}`, (held) => ({
        event: e,
        edits: (held?.edits ?? 0) + 1,
      }));
    }
    if (out.length > 0) this.publish(out);
  }

  /** Sends every gathered event now. */
  flush(): void {
    const all = this.take(() => true);
    if (all.length > 0) this.publish(all);
  }

  private take(which: (key: string) => boolean): IntegrationEvent[] {
    return this.bursts.take(which).map(([, gathered]) => withEdits(gathered));
  }
}
