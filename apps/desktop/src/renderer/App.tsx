import type { ShellActions } from './actions';
import { useAppState, type AppStateStore } from './appState';
import { EmptyState } from './components/EmptyState';
import { NoteView } from './components/NoteView';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';
import { WelcomeState } from './components/WelcomeState';

/** The app shell: sidebar, main area, status bar. */
export function App({ store, actions }: { store: AppStateStore; actions: ShellActions }) {
  const state = useAppState(store);
  const desktop = state.runtime === 'desktop';
  let main;
  if (!state.workspace) main = <WelcomeState desktop={desktop} actions={actions} />;
  else if (state.documents.length === 0) main = <EmptyState actions={actions} />;
  else if (state.openNote) main = <NoteView note={state.openNote} />;
  else main = <p className="main-hint">Select a document in the sidebar.</p>;
  return (
    <div className="shell">
      <Sidebar state={state} actions={actions} />
      <main className="main" aria-label="Document">
        {state.error && (
          <div className="error-banner" role="alert">
            {state.error}
          </div>
        )}
        <div className="main-body">{main}</div>
      </main>
      <StatusBar
        sync={state.sync}
        runtime={state.runtime}
        appVersion={state.appVersion}
        activity={state.activity}
      />
    </div>
  );
}
