import type { Command, Run } from '@fieldbook/shared';

/** A command or run of an instrument whose channels a chart shows, placed in time. */
export interface ChartEvent {
  id: string;
  kind: 'command' | 'run';
  /** The command's name ("drill.arm") or the run's protocol ("traverse"). */
  label: string;
  /** When the command was requested, or the run started (epoch ms). */
  at: number;
  /** When the run finished; null while it runs (and for commands). */
  end: number | null;
  /** The command's state or the run's status. */
  state: string;
}

const FAILED = new Set(['rejected', 'failed', 'expired', 'cancelled', 'aborted']);

/** True when an event ended badly (drawn in the danger colour). */
export function eventFailed(e: Pick<ChartEvent, 'state'>): boolean {
  return FAILED.has(e.state);
}

/** The chart events of commands and runs, oldest first (a run whose start was never reported has no place). */
export function chartEvents(commands: Iterable<Command>, runs: Iterable<Run>): ChartEvent[] {
  const out: ChartEvent[] = [];
  for (const c of commands)
    out.push({
      id: c.id,
      kind: 'command',
      label: c.command,
      at: c.requestedAt,
      end: null,
      state: c.state,
    });
  for (const r of runs)
    if (r.startedAt !== null)
      out.push({
        id: r.id,
        kind: 'run',
        label: r.protocol,
        at: r.startedAt,
        end: r.finishedAt,
        state: r.status,
      });
  return out.sort((a, b) => a.at - b.at);
}
