import type { RuntimeKind } from '../../common/bridge';
import { describeSyncStatus, type SyncStatus } from '../../common/syncStatus';
import type { Activity } from '../appState';

/** The always-visible bottom bar: sync state, the current activity, where the app runs. */
export function StatusBar({
  sync,
  runtime,
  appVersion,
  activity,
}: {
  sync: SyncStatus;
  runtime: RuntimeKind;
  appVersion: string | null;
  activity: Activity | null;
}) {
  const where = runtime === 'web' ? 'Web' : `Desktop${appVersion ? ` ${appVersion}` : ''}`;
  return (
    <footer className="status-bar" aria-label="Status">
      <span className={`sync-indicator sync-${sync.state}`} aria-hidden="true" />
      <span data-testid="sync-status" role="status">
        {describeSyncStatus(sync)}
      </span>
      {activity && (
        <span className="activity" data-testid="activity">
          {activity.fraction !== undefined && (
            <progress max={1} value={activity.fraction} aria-label="Progress" />
          )}
          {activity.text}
        </span>
      )}
      <span className="status-spacer" />
      <span className="muted">{where}</span>
    </footer>
  );
}
