import type { Instrument } from './instrumentApi';

/**
 * A listed instrument, unless the live feed already told a newer status of it:
 * a list requested just before an agent died may answer after the agent's
 * "offline" event, and must not turn it back to "online".
 */
export function fresherStatus(known: readonly Instrument[] | null, loaded: Instrument): Instrument {
  const live = known?.find((i) => i.id === loaded.id);
  if (!live || (live.lastSeenAt ?? -Infinity) <= (loaded.lastSeenAt ?? -Infinity)) return loaded;
  const { connection, state, alarms, lastSeenAt } = live;
  return { ...loaded, connection, state, alarms, lastSeenAt };
}
