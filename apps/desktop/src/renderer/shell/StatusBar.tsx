import { CloudOff, RefreshCw, ShieldAlert, Check } from 'lucide-react';
import { describeSyncStatus } from '../../common/syncStatus';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import type { Refusal } from '../sync/serverLink';
import { ROLE_LABEL, roleSummary } from '../team/teamText';
import { Button, Progress } from '../ui';
import { VerifyStatus } from './VerifyStatus';

const REFUSAL_TEXT: Record<Refusal, string> = {
  'session-expired': 'Your session has expired or was ended — sign in again to sync.',
  'no-permission':
    'You are no longer a member of this workspace (no permission to sync); this device’s copy stays readable.',
};

/**
 * The sync line, true to what is happening: a refusal is never shown beside
 * "Synced at"; signed in without a workspace, or on a local profile, is not
 * "not signed in".
 */
function syncText(state: AppState): string {
  const { sync, refusal, session, workspace } = state;
  if (refusal) return 'Not syncing — refused by the server';
  if (sync.state === 'offline' && sync.reason === 'signed-out' && session) {
    if (session.kind === 'local') return 'Local profile — nothing syncs';
    if (!workspace) return 'Signed in — no workspace open';
  }
  return describeSyncStatus(sync);
}

/** The always-visible bottom bar: sync state or the server's refusal, long work under way, who and where. */
export function StatusBar({ state, actions }: { state: AppState; actions: ShellActions }) {
  const { sync, refusal, roleChange, runtime, appVersion, progress, session } = state;
  const where = runtime === 'web' ? 'Web' : `Desktop${appVersion ? ` ${appVersion}` : ''}`;
  const who = session ? (session.kind === 'server' ? session.userName : 'Local profile') : null;
  const tone = refusal ? 'refused' : sync.state;
  const Icon = refusal
    ? ShieldAlert
    : sync.state === 'synced'
      ? Check
      : sync.state === 'syncing'
        ? RefreshCw
        : CloudOff;
  return (
    <footer className="status-bar" aria-label="Status">
      <span className={`status-bar__sync status-bar__sync--${tone}`}>
        <Icon size={13} aria-hidden="true" />
        <span data-testid="sync-status" role="status">
          {syncText(state)}
        </span>
      </span>
      <VerifyStatus state={state} compact={!refusal && roleChange !== null} />
      {refusal && (
        <span className="status-bar__refusal" role="alert" data-testid="refusal">
          {REFUSAL_TEXT[refusal]}
          {refusal === 'session-expired' && (
            <Button size="sm" variant="ghost" onClick={() => actions.sessions.signOut()}>
              Sign in again
            </Button>
          )}
        </span>
      )}
      {!refusal && roleChange && (
        <span className="status-bar__notice" role="status" data-testid="role-change">
          Your role here is now {ROLE_LABEL[roleChange.role]}. {roleSummary(roleChange.role)}
          <Button size="sm" variant="ghost" onClick={() => actions.dismissRoleChange()}>
            Dismiss
          </Button>
        </span>
      )}
      {progress && (
        <span className="status-bar__activity" data-testid="activity">
          {progress.fraction !== undefined && (
            <Progress value={progress.fraction} label="Progress" />
          )}
          {progress.text}
        </span>
      )}
      <span className="status-bar__spacer" />
      {who && <span>{who}</span>}
      <span>{where}</span>
    </footer>
  );
}
