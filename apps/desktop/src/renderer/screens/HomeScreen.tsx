import {
  FileText,
  FolderPlus,
  Highlighter,
  LineChart,
  NotebookPen,
  Plus,
  Upload,
} from 'lucide-react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { useAccess } from '../shell/access';
import { listedDocuments } from '../sidebar/treeModel';
import { CreateWorkspaceForm } from '../sidebar/WorkspaceSwitcher';
import { Button, EmptyState, Kbd } from '../ui';

const KIND_ICON = { note: FileText, view: LineChart, annotations: Highlighter } as const;

function when(ms: number): string {
  const d = new Date(ms);
  const today = new Date().toDateString() === d.toDateString();
  return today
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString([], { day: 'numeric', month: 'short' });
}

/** The workspace's start page: recent documents, or a first-note prompt when there are none. */
export function HomeScreen({ state, actions }: { state: AppState; actions: ShellActions }) {
  const access = useAccess();
  const desktop = state.runtime === 'desktop';
  const mayCreate = access.may('document.create');
  const docs = state.index ? listedDocuments(state.index, state.activity) : [];
  if (!state.index) return null;
  if (docs.length === 0) {
    return (
      <EmptyState
        headingLevel={1}
        icon={<NotebookPen size={28} />}
        title="No documents yet"
        actions={
          mayCreate && (
            <>
              <Button
                variant="primary"
                icon={<Plus size={15} />}
                onClick={() => void actions.docs.createNote()}
              >
                New note
              </Button>
              <Button
                icon={<LineChart size={15} />}
                onClick={() => void actions.docs.createChart()}
              >
                New chart
              </Button>
              {desktop && (
                <Button icon={<Upload size={15} />} onClick={() => void actions.importWorkspace()}>
                  Import workspace file…
                </Button>
              )}
            </>
          )
        }
      >
        {mayCreate ? (
          <p>
            Write a note, or make a chart of live telemetry. <Kbd shortcut="Mod+N" /> makes a note
            from anywhere (<Kbd shortcut="Alt+N" /> in a browser).
          </p>
        ) : (
          <p>Nothing has been written in this workspace yet. You can read what others add.</p>
        )}
      </EmptyState>
    );
  }
  const recent = [...docs].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, 8);
  return (
    <div className="home">
      <h1 className="home__title">{state.index.name}</h1>
      <p className="muted">
        {docs.length} document{docs.length === 1 ? '' : 's'} · {state.index.folders.length} folder
        {state.index.folders.length === 1 ? '' : 's'}
      </p>
      {mayCreate && (
        <div className="home__actions">
          <Button
            variant="primary"
            icon={<Plus size={15} />}
            onClick={() => void actions.docs.createNote()}
          >
            New note
          </Button>
          <Button icon={<LineChart size={15} />} onClick={() => void actions.docs.createChart()}>
            New chart
          </Button>
        </div>
      )}
      <h2 className="home__section">Recently changed</h2>
      <ul className="home__recent">
        {recent.map((d) => {
          const Icon = KIND_ICON[d.kind];
          return (
            <li key={d.id}>
              <button
                type="button"
                className="home__doc"
                onClick={() => actions.navigate({ kind: 'doc', docId: d.id })}
              >
                <Icon size={16} aria-hidden="true" />
                <span className="home__doc-title">{d.title || 'Untitled'}</span>
                <span className="home__doc-when">{when(d.updatedAt)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** What a signed-in user without any workspace sees: a form to make the first one. */
export function NoWorkspace({ actions }: { actions: ShellActions }) {
  return (
    <EmptyState headingLevel={1} icon={<FolderPlus size={28} />} title="No workspace yet">
      <p>Name your first workspace to start writing.</p>
      <CreateWorkspaceForm actions={actions} />
    </EmptyState>
  );
}
