import { describe, expect, it } from 'vitest';
import { clockTime, describeSyncStatus, SIGNED_OUT } from './syncStatus';

describe('describeSyncStatus', () => {
  it('says why the app is offline', () => {
    expect(describeSyncStatus(SIGNED_OUT)).toBe('Offline — not signed in');
    expect(describeSyncStatus({ state: 'offline', reason: 'no-network' })).toBe(
      'Offline — no network',
    );
  });

  it('counts the documents still syncing', () => {
    expect(describeSyncStatus({ state: 'syncing', pendingDocs: 1 })).toBe('Syncing 1 doc');
    expect(describeSyncStatus({ state: 'syncing', pendingDocs: 12 })).toBe('Syncing 12 docs');
  });

  it('shows the local clock time of the last sync as HH:MM', () => {
    const at = new Date(2026, 0, 5, 9, 5, 30).getTime();
    expect(clockTime(at)).toBe('09:05');
    expect(describeSyncStatus({ state: 'synced', at })).toBe('Synced at 09:05');
  });
});
