import type { CommandState, InstrumentActor, RunStatus } from '@fieldbook/shared';
import type { Tone } from '../ui';
import type { Instrument } from './instrumentApi';

/** Words and badge colour of each command state. */
export const COMMAND_STATE: Record<CommandState, { label: string; tone: Tone }> = {
  queued: { label: 'Queued', tone: 'neutral' },
  awaiting_approval: { label: 'Awaiting approval', tone: 'warning' },
  released: { label: 'Sent', tone: 'accent' },
  acknowledged: { label: 'Acknowledged', tone: 'accent' },
  rejected: { label: 'Rejected', tone: 'danger' },
  in_progress: { label: 'In progress', tone: 'accent' },
  succeeded: { label: 'Succeeded', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  expired: { label: 'Expired', tone: 'neutral' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

/** Words and badge colour of each run status. */
export const RUN_STATUS: Record<RunStatus, { label: string; tone: Tone }> = {
  running: { label: 'Running', tone: 'accent' },
  completed: { label: 'Completed', tone: 'success' },
  aborted: { label: 'Aborted', tone: 'warning' },
  failed: { label: 'Failed', tone: 'danger' },
};

/** Words and colour of an instrument's connection. */
export const CONNECTION: Record<Instrument['connection'], { label: string; tone: Tone }> = {
  ONLINE: { label: 'Online', tone: 'success' },
  STALE: { label: 'Stale', tone: 'warning' },
  OFFLINE: { label: 'Offline', tone: 'danger' },
};

/** An active alarm as the agent reports it; anything else reads as an unnamed warning. */
export interface Alarm {
  id: string;
  severity: 'warning' | 'critical';
  message: string;
}

/** The instrument's alarms in a shape the UI can show. */
export function alarmsOf(instrument: Pick<Instrument, 'alarms'>): Alarm[] {
  return instrument.alarms.map((a, i) => {
    const o = (a && typeof a === 'object' ? a : {}) as Partial<Alarm>;
    return {
      id: typeof o.id === 'string' ? o.id : `alarm-${i}`,
      severity: o.severity === 'critical' ? 'critical' : 'warning',
      message: typeof o.message === 'string' ? o.message : String(o.id ?? 'Alarm'),
    };
  });
}

/** "12 s ago", "5 min ago", "3 h ago", or the date; "never" for null. */
export function ago(at: number | null, now: number): string {
  if (at === null) return 'never';
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return new Date(at).toLocaleDateString();
}

/** A time of day with seconds, and the date when it is not today. */
export function when(at: number | null): string {
  if (at === null) return '—';
  const d = new Date(at);
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return d.toDateString() === new Date().toDateString()
    ? time
    : `${d.toLocaleDateString()} ${time}`;
}

/** Parameters as short text: "meters 2.5, speed 0.2"; "no parameters" when empty. */
export function paramsText(params: Record<string, unknown>): string {
  const parts = Object.entries(params).map(([k, v]) => `${k} ${JSON.stringify(v)}`);
  return parts.length ? parts.join(', ') : 'no parameters';
}

/** Who did it, in words. */
export function actorName(actor: InstrumentActor | null): string {
  if (!actor) return 'someone';
  return actor.type === 'system' ? 'Fieldbook' : actor.name;
}

/** A run's duration, e.g. "1 min 20 s"; "running" while it runs. */
export function duration(from: number | null, to: number | null): string {
  if (from === null) return '—';
  if (to === null) return 'running';
  const s = Math.round((to - from) / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
