import type { DocumentEntry } from '@fieldbook/shared';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';

const KIND_LABEL: Record<DocumentEntry['kind'], string> = {
  note: 'Note',
  annotations: 'Annotations',
  view: 'Telemetry view',
};

/** Workspace name and switcher, the workspace actions and the document tree. */
export function Sidebar({ state, actions }: { state: AppState; actions: ShellActions }) {
  const { workspace, workspaces, documents, selectedDocId } = state;
  const noWorkspace = workspace === null;
  return (
    <nav className="sidebar" aria-label="Workspace">
      <header className="sidebar-header">
        <div className="brand">Fieldbook</div>
        {workspaces.length > 1 && workspace ? (
          <select
            className="workspace-switch"
            aria-label="Workspace"
            value={workspace.id}
            onChange={(e) => void actions.openWorkspace(e.target.value)}
          >
            {workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        ) : (
          <div className="workspace-name" data-testid="workspace-name">
            {workspace?.name ?? 'No workspace open'}
          </div>
        )}
      </header>
      <button
        type="button"
        className="button primary"
        disabled={noWorkspace}
        title={noWorkspace ? 'Create or import a workspace first' : undefined}
        onClick={() => void actions.createNote()}
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
              <li key={d.id}>
                <button
                  type="button"
                  className={`doc-item${d.id === selectedDocId ? ' selected' : ''}`}
                  title={KIND_LABEL[d.kind]}
                  aria-current={d.id === selectedDocId ? 'page' : undefined}
                  onClick={() => void actions.selectDocument(d.id)}
                >
                  {d.title || 'Untitled'}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {state.runtime === 'desktop' && (
        <footer className="sidebar-footer">
          <button type="button" className="button" onClick={() => void actions.importWorkspace()}>
            Import…
          </button>
          <button
            type="button"
            className="button"
            disabled={noWorkspace || documents.length === 0}
            onClick={() => void actions.exportWorkspace()}
          >
            Export…
          </button>
        </footer>
      )}
    </nav>
  );
}
