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

/** What an open workspace without documents shows. */
export function EmptyState({ actions }: { actions: ShellActions }) {
  return (
    <div className="empty-state" role="status">
      <EmptyIcon />
      <h1>No documents yet</h1>
      <p>Create a note or import a workspace file.</p>
      <div className="empty-actions">
        <button type="button" className="button primary" onClick={() => void actions.createNote()}>
          New note
        </button>
        <button type="button" className="button" onClick={() => void actions.importWorkspace()}>
          Import workspace file…
        </button>
      </div>
    </div>
  );
}
