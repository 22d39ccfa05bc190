import type { ShellActions } from './actions';
import type { AppStateStore } from './appState';

/**
 * App-wide keys: new note (Ctrl/⌘+N; Alt+N too, since browsers keep Ctrl+N
 * for a new window), preferences (Ctrl/⌘+comma). Dialogs close themselves on
 * Escape; undo/redo belong to the editor.
 */
export function installShortcuts(store: AppStateStore, actions: ShellActions): () => void {
  const onKey = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (!store.get().session) return;
    if ((mod && key === 'n' && !e.shiftKey) || (e.altKey && key === 'n')) {
      e.preventDefault();
      void actions.docs.createNote();
    } else if (mod && key === ',') {
      e.preventDefault();
      actions.setPreferencesOpen(true);
    }
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
