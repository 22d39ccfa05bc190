import { useEffect, useState } from 'react';
import type { Instrument } from './instrumentApi';
import { CONNECTION, alarmsOf } from './instrumentText';

/** An instrument's connection as a coloured light with its word (colour is never the only sign). */
export function StatusLight({ connection }: { connection: Instrument['connection'] }) {
  return (
    <span className={`status-light status-light--${connection.toLowerCase()}`}>
      <span className="status-light__dot" aria-hidden="true" />
      {CONNECTION[connection].label}
    </span>
  );
}

/** The instrument's active alarms, most severe first; nothing when there are none. */
export function AlarmList({ instrument }: { instrument: Pick<Instrument, 'alarms'> }) {
  const alarms = alarmsOf(instrument).sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1,
  );
  if (alarms.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="alarm-list" aria-label="Active alarms">
      {alarms.map((a) => (
        <li key={a.id} className={`alarm alarm--${a.severity}`}>
          <strong>{a.severity === 'critical' ? 'Critical' : 'Warning'}:</strong> {a.message}
        </li>
      ))}
    </ul>
  );
}

/** The current time, re-read every `ms` (for "last seen 12 s ago"). */
export function useNow(ms = 5000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
