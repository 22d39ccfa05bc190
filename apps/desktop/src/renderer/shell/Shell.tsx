import { X } from 'lucide-react';
import { Suspense, useEffect } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { HomeScreen, NoWorkspace } from '../screens/HomeScreen';
import { SearchHost } from '../search/SearchHost';
import { Sidebar } from '../sidebar/Sidebar';
import { Button, EmptyState, IconButton, Spinner } from '../ui';
import { AccessProvider, useAccess } from './access';
import { DocumentView } from './DocumentView';
import { firstScreenShown } from './startupGate';
import { MergedOfflineNotice } from '../history/MergedOfflineNotice';
import { RefusedWritesNotice } from './RefusedWritesNotice';
import { DOCUMENT_PANELS, WORKSPACE_SCREENS } from './registry';
import { StatusBar } from './StatusBar';
import { TopBar } from './TopBar';

const loading = (
  <p className="main-loading" role="status">
    <Spinner size={14} /> Loading…
  </p>
);

function MainContent({ state, actions }: { state: AppState; actions: ShellActions }) {
  const access = useAccess();
  const { route } = state;
  const openKind = state.index?.documents.find((d) => d.id === state.openDocId)?.kind;
  // A note says so itself once its editor is up; every other first screen is up once listed.
  const showsNote = route.kind === 'doc' && (openKind === 'note' || !state.index);
  useEffect(() => {
    if (state.workspace && !showsNote) firstScreenShown();
  }, [state.workspace, showsNote]);
  if (!state.workspace) return <NoWorkspace actions={actions} />;
  if (route.kind === 'doc') return <DocumentView state={state} actions={actions} />;
  if (route.kind === 'screen') {
    const screen = WORKSPACE_SCREENS.find((s) => s.id === route.screen);
    if (!screen || (screen.visible && !screen.visible(access, state))) {
      return (
        <EmptyState headingLevel={1} title="Nothing here">
          <p>This page does not exist, or you may not see it.</p>
        </EmptyState>
      );
    }
    const Screen = screen.component;
    return <Screen state={state} actions={actions} />;
  }
  return <HomeScreen state={state} actions={actions} />;
}

function SidePanel({ state, actions }: { state: AppState; actions: ShellActions }) {
  const access = useAccess();
  const entry =
    state.route.kind === 'doc'
      ? (state.index?.documents.find((d) => d.id === state.openDocId) ?? null)
      : null;
  const panel = DOCUMENT_PANELS.find(
    (p) =>
      p.id === state.panel &&
      entry &&
      p.kinds.includes(entry.kind) &&
      (!p.visible || p.visible(access)),
  );
  if (!panel || !entry) return null;
  const Panel = panel.component;
  return (
    <aside className="side-panel" aria-label={panel.title}>
      <div className="side-panel__head">
        <h2 className="side-panel__title">{panel.title}</h2>
        <IconButton
          size="sm"
          label={`Close ${panel.title.toLowerCase()}`}
          icon={<X size={15} />}
          onClick={() => actions.setPanel(null)}
        />
      </div>
      <Suspense fallback={loading}>
        <Panel entry={entry} state={state} actions={actions} />
      </Suspense>
    </aside>
  );
}

/**
 * The signed-in layout: sidebar, top bar, the main area (a document or a
 * workspace screen, loaded on first use), the document's side panel, the
 * status bar.
 */
export function Shell({ state, actions }: { state: AppState; actions: ShellActions }) {
  const session = state.session!;
  const body = (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar state={state} actions={actions} />
      <div className="app-main">
        <TopBar state={state} actions={actions} />
        {state.storeDamage && (
          <div className="app-banner app-banner--danger" role="alert">
            <span>{state.storeDamage}</span>
            <Button size="sm" onClick={() => void actions.recoverStore()}>
              Rebuild local database
            </Button>
          </div>
        )}
        {state.error && (
          <div className="app-banner app-banner--danger" role="alert">
            {state.error}
          </div>
        )}
        <main className="app-content" id="main" tabIndex={-1}>
          <Suspense fallback={loading}>
            <MainContent state={state} actions={actions} />
          </Suspense>
        </main>
      </div>
      <SidePanel state={state} actions={actions} />
      <StatusBar state={state} actions={actions} />
      <SearchHost state={state} actions={actions} />
      <RefusedWritesNotice state={state} actions={actions} />
      <MergedOfflineNotice state={state} actions={actions} />
    </div>
  );
  if (!state.workspace) return body;
  return (
    <AccessProvider key={state.workspace.id} session={session} workspaceId={state.workspace.id}>
      {body}
    </AccessProvider>
  );
}
