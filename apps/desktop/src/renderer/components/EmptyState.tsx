/** What the main area shows before there is any document to open. */
export function EmptyState({ canCreate }: { canCreate: boolean }) {
  return (
    <div className="empty-state" role="status">
      <svg className="empty-icon" viewBox="0 0 48 48" aria-hidden="true">
        <rect x="10" y="6" width="28" height="36" rx="3" />
        <path d="M16 16h16M16 23h16M16 30h10" />
      </svg>
      <h1>No documents yet</h1>
      <p>Create a note or import a workspace file.</p>
      {!canCreate && (
        <p className="muted">
          Notes, annotations and telemetry views live in a workspace. Open or import one to begin.
        </p>
      )}
    </div>
  );
}
