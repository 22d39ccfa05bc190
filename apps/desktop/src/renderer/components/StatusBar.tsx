import type { RuntimeKind } from '../../common/bridge';
import { describeSyncStatus, type SyncStatus } from '../../common/syncStatus';
import type { ShellActions } from '../actions';
import type { Activity } from '../appState';
import type { Session } from '../session/session';
import type { Refusal } from '../sync/serverLink';

const REFUSAL_TEXT: Record<Refusal, string> = {
  'session-expired': 'Your session has expired — sign in again to sync.',
  'no-permission': 'The server refused: you have no permission for this document or workspace.',
};

/** The always-visible bottom bar: sync state, refusals, the current activity, who and where. */
export function StatusBar({
  sync,
  refusal,
  runtime,
  appVersion,
  activity,
  session,
  actions,
}: {
  sync: SyncStatus;
  refusal: Refusal | null;
  runtime: RuntimeKind;
  appVersion: string | null;
  activity: Activity | null;
  session: Session | null;
  actions: ShellActions;
}) {
  const where = runtime === 'web' ? 'Web' : `Desktop${appVersion ? ` ${appVersion}` : ''}`;
  const who = session ? (session.kind === 'server' ? session.userName : 'Local profile') : null;
  return (
    <footer className="status-bar" aria-label="Status">
      <span
        className={`sync-indicator sync-${refusal ? 'refused' : sync.state}`}
        aria-hidden="true"
      />
      <span data-testid="sync-status" role="status">
        {describeSyncStatus(sync)}
      </span>
      {refusal && (
        <span className="refusal" role="alert" data-testid="refusal">
          {REFUSAL_TEXT[refusal]}
          {refusal === 'session-expired' && (
            <button
              type="button"
              className="link-button"
              onClick={() => actions.sessions.signOut()}
            >
              Sign in
            </button>
          )}
        </span>
      )}
      {activity && (
        <span className="activity" data-testid="activity">
          {activity.fraction !== undefined && (
            <progress max={1} value={activity.fraction} aria-label="Progress" />
          )}
          {activity.text}
        </span>
      )}
      <span className="status-spacer" />
      {who && <span className="muted">{who} ·</span>}
      <span className="muted">{where}</span>
    </footer>
  );
}
