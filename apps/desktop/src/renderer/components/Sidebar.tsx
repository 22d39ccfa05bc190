import type { AppState, DocumentEntry } from '../appState';

const KIND_LABEL: Record<DocumentEntry['kind'], string> = {
  note: 'Note',
  annotations: 'Annotations',
  telemetryView: 'Telemetry view',
};

/** Workspace name, the "New note" action and the document tree. */
export function Sidebar({ workspace, documents }: Pick<AppState, 'workspace' | 'documents'>) {
  const noWorkspace = workspace === null;
  return (
    <nav className="sidebar" aria-label="Workspace">
      <header className="sidebar-header">
        <div className="brand">Fieldbook</div>
        <div className="workspace-name" data-testid="workspace-name">
          {workspace?.name ?? 'No workspace open'}
        </div>
      </header>
      <button
        type="button"
        className="button primary"
        disabled={noWorkspace}
        title={noWorkspace ? 'Open or import a workspace to create notes' : undefined}
      >
        New note
      </button>
      <section className="doc-tree" aria-label="Documents">
        <h2 className="section-title">Documents</h2>
        {documents.length === 0 ? (
          <p className="muted">Nothing here yet</p>
        ) : (
          <ul>
            {documents.map((d) => (
              <li key={d.id} className="doc-item" title={KIND_LABEL[d.kind]}>
                {d.title || 'Untitled'}
              </li>
            ))}
          </ul>
        )}
      </section>
    </nav>
  );
}
