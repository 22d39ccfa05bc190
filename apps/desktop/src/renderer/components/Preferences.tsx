import type { ShellActions } from '../actions';
import type { Session } from '../session/session';

/** Preferences: the account or local profile in use, and leaving it. */
export function Preferences({ session, actions }: { session: Session; actions: ShellActions }) {
  const close = () => actions.setPreferencesOpen(false);
  return (
    <div className="dialog-backdrop" onClick={close}>
      <div
        className="dialog"
        role="dialog"
        aria-label="Preferences"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && close()}
      >
        <h1>Preferences</h1>
        {session.kind === 'server' ? (
          <p>
            Signed in as <strong>{session.userName}</strong> ({session.email}) to{' '}
            <code>{session.serverUrl}</code>.
          </p>
        ) : (
          <p>Working offline with a local profile. Nothing leaves this machine.</p>
        )}
        <p className="muted small">
          Shortcuts: new note Ctrl/⌘+N (Alt+N in a browser), undo Ctrl/⌘+Z, redo Ctrl+Y or
          ⌘+Shift+Z, preferences Ctrl/⌘+comma, close Escape.
        </p>
        <div className="empty-actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              close();
              actions.sessions.signOut();
            }}
          >
            {session.kind === 'server' ? 'Sign out' : 'Leave the local profile'}
          </button>
          <button type="button" className="button primary" autoFocus onClick={close}>
            Done
          </button>
        </div>
      </div>
    </div>
  );
}
