import type { ShellActions } from '../actions';

/** The document icon of the empty states. */
export function EmptyIcon() {
  return (
    <svg className="empty-icon" viewBox="0 0 48 48" aria-hidden="true">
      <rect x="10" y="6" width="28" height="36" rx="3" />
      <path d="M16 16h16M16 23h16M16 30h10" />
    </svg>
  );
}

/** What the main area shows when no note is open: a hint, or a first-note prompt. */
export function EmptyState({
  actions,
  hasDocuments,
  desktop,
}: {
  actions: ShellActions;
  hasDocuments: boolean;
  desktop: boolean;
}) {
  return (
    <div className="empty-state" role="status">
      <EmptyIcon />
      <h1>{hasDocuments ? 'Pick a note' : 'No documents yet'}</h1>
      <p>
        {hasDocuments
          ? 'Choose a note in the sidebar, or start a new one.'
          : 'Create a note' + (desktop ? ' or import a workspace file.' : '.')}
      </p>
      <p className="muted small">New note: Ctrl+N (Alt+N in a browser) · Preferences: Ctrl+,</p>
      <div className="empty-actions">
        <button
          type="button"
          className="button primary"
          onClick={() => void actions.docs.createNote()}
        >
          New note
        </button>
        {desktop && (
          <button type="button" className="button" onClick={() => void actions.importWorkspace()}>
            Import workspace file…
          </button>
        )}
      </div>
    </div>
  );
}

/** What a signed-in user without any workspace sees. */
export function NoWorkspace() {
  return (
    <div className="empty-state" role="status">
      <EmptyIcon />
      <h1>No workspace yet</h1>
      <p>Name your first workspace in the sidebar to start writing.</p>
    </div>
  );
}
