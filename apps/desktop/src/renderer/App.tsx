import type { ShellActions } from './actions';
import { useAppState, type AppStateStore } from './appState';
import { EmptyState, NoWorkspace } from './components/EmptyState';
import { NotePane } from './components/NotePane';
import { Preferences } from './components/Preferences';
import { Presence } from './components/Presence';
import { Sidebar } from './components/Sidebar';
import { SignIn } from './components/SignIn';
import { StatusBar } from './components/StatusBar';
import { TelemetryPane } from './telemetry/TelemetryPane';

/** The app: sign-in, or the shell with sidebar, note and status bar. */
export function App({ store, actions }: { store: AppStateStore; actions: ShellActions }) {
  const state = useAppState(store);
  const desktop = state.runtime === 'desktop';
  const entry = state.index?.documents.find((d) => d.id === state.openDocId) ?? null;
  let main;
  if (!state.workspace) main = <NoWorkspace />;
  else if (entry && entry.kind !== 'note') {
    main = (
      <TelemetryPane
        key={entry.id}
        entry={entry}
        replica={state.openReplica}
        session={state.session}
        workspaceId={state.workspace.id}
        tagColors={state.index?.tagColors ?? {}}
        onTagColor={(tag, color) => void actions.docs.setTagColor(tag, color)}
      />
    );
  } else if (entry) {
    main = (
      <NotePane
        key={entry.id}
        entry={entry}
        folders={state.index?.folders ?? []}
        replica={state.openReplica}
        isNew={state.openIsNew}
        actions={actions}
      />
    );
  } else {
    const hasDocuments = (state.index?.documents ?? []).some((d) => d.trashedAt === null);
    main = <EmptyState actions={actions} hasDocuments={hasDocuments} desktop={desktop} />;
  }
  const statusBar = (
    <StatusBar
      sync={state.sync}
      refusal={state.refusal}
      runtime={state.runtime}
      appVersion={state.appVersion}
      activity={state.activity}
      session={state.session}
      actions={actions}
    />
  );
  if (!state.session) {
    return (
      <div className="shell signed-out">
        <SignIn actions={actions} />
        {statusBar}
      </div>
    );
  }
  return (
    <div className="shell">
      <Sidebar state={state} actions={actions} />
      <main className="main" aria-label="Document">
        <div className="main-top">
          <span className="workspace-title">
            {state.index?.name ?? state.workspace?.name ?? ''}
          </span>
          <Presence peers={state.peers} openDocId={state.openDocId} />
        </div>
        {state.storeDamage && (
          <div className="error-banner" role="alert">
            {state.storeDamage}{' '}
            <button type="button" onClick={() => void actions.recoverStore()}>
              Rebuild local database
            </button>
          </div>
        )}
        {state.error && (
          <div className="error-banner" role="alert">
            {state.error}
          </div>
        )}
        <div className="main-body">{main}</div>
      </main>
      {statusBar}
      {state.preferencesOpen && <Preferences session={state.session} actions={actions} />}
    </div>
  );
}
