import type { HistoryEntry } from '@fieldbook/shared';
import type { LocalEntry } from './localHistory';

/** How far apart the device's clock and the server's may be when matching entries. */
const CLOCK_SLACK_MS = 30_000;

/** An entry of the History panel: the server's, or one only this device has (`local`). */
export type PanelEntry = HistoryEntry & { readonly local?: LocalEntry };

/** Whether a server entry by the same person spans the local entry's time: the same changes. */
function covered(local: LocalEntry, server: readonly HistoryEntry[]): boolean {
  return server.some(
    (s) =>
      s.actor === local.actor &&
      s.startedAt - CLOCK_SLACK_MS <= local.startedAt &&
      local.endedAt <= s.endedAt + CLOCK_SLACK_MS,
  );
}

/**
 * The panel's timeline, newest first. Without the server (null) it is the
 * local history; with it, the server's entries plus the local ones the server
 * has not acknowledged yet (the outbox) and does not show already, each once.
 */
export function mergeHistory(
  server: readonly HistoryEntry[] | null,
  local: readonly LocalEntry[],
): PanelEntry[] {
  if (server === null) return local.map((e) => ({ ...e, local: e }));
  const pending = local.filter((e) => !e.acked && e.known && !covered(e, server));
  const merged: PanelEntry[] = [...pending.map((e) => ({ ...e, local: e })), ...server];
  return merged.sort((a, b) => b.endedAt - a.endedAt);
}
