import type { RuntimeKind } from '../../common/bridge';
import { describeSyncStatus, type SyncStatus } from '../../common/syncStatus';

/** The always-visible bottom bar: sync state on the left, where the app runs on the right. */
export function StatusBar({
  sync,
  runtime,
  appVersion,
}: {
  sync: SyncStatus;
  runtime: RuntimeKind;
  appVersion: string | null;
}) {
  const where = runtime === 'web' ? 'Web' : `Desktop${appVersion ? ` ${appVersion}` : ''}`;
  return (
    <footer className="status-bar" aria-label="Status">
      <span className={`sync-indicator sync-${sync.state}`} aria-hidden="true" />
      <span data-testid="sync-status" role="status">
        {describeSyncStatus(sync)}
      </span>
      <span className="status-spacer" />
      <span className="muted">{where}</span>
    </footer>
  );
}
