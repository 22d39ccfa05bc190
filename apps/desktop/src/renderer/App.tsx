import { useAppState, type AppStateStore } from './appState';
import { EmptyState } from './components/EmptyState';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';

/** The app shell: sidebar, main area, status bar. */
export function App({ store }: { store: AppStateStore }) {
  const state = useAppState(store);
  return (
    <div className="shell">
      <Sidebar workspace={state.workspace} documents={state.documents} />
      <main className="main" aria-label="Document">
        {state.documents.length === 0 ? (
          <EmptyState canCreate={state.workspace !== null} />
        ) : (
          <p className="main-hint">Select a document in the sidebar.</p>
        )}
      </main>
      <StatusBar sync={state.sync} runtime={state.runtime} appVersion={state.appVersion} />
    </div>
  );
}
