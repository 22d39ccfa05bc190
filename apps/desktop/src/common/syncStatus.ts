/**
 * The sync state the status bar shows. DESIGN.md: "Status is always visible:
 * offline / syncing N docs / synced at HH:MM".
 */
export type SyncStatus =
  | {
      readonly state: 'offline';
      readonly reason: 'signed-out' | 'no-network' | 'server-unreachable';
    }
  | { readonly state: 'syncing'; readonly pendingDocs: number }
  | { readonly state: 'synced'; readonly at: number };

/** The state a fresh app starts in: nobody signed in, so nothing can sync. */
export const SIGNED_OUT: SyncStatus = { state: 'offline', reason: 'signed-out' };

const OFFLINE_TEXT = {
  'signed-out': 'Offline — not signed in',
  'no-network': 'Offline — no network',
  'server-unreachable': 'Offline — sync server unreachable',
} as const;

/** Two-digit local clock time, e.g. "09:05", for "synced at HH:MM". */
export function clockTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The one-line text the status bar shows for `status`. */
export function describeSyncStatus(status: SyncStatus): string {
  switch (status.state) {
    case 'offline':
      return OFFLINE_TEXT[status.reason];
    case 'syncing':
      return `Syncing ${status.pendingDocs} ${status.pendingDocs === 1 ? 'doc' : 'docs'}`;
    case 'synced':
      return `Synced at ${clockTime(status.at)}`;
  }
}
