import { isFieldbookError } from '@fieldbook/shared';
import { PANEL_KEY, type AppStateStore, type TreeFilter } from './appState';

/**
 * The ground of the shell's actions: `run`, which every user action goes
 * through, and the actions that only change what is shown (panels, filter,
 * dialogs, notices) and touch no workspace data.
 */
export class ViewActions {
  constructor(protected readonly store: AppStateStore) {}

  /** Runs a user action; failures become a sentence in the error banner. */
  async run(work: () => Promise<void> | void): Promise<void> {
    try {
      await work();
      this.store.update({ error: null });
    } catch (err) {
      const message = isFieldbookError(err) ? err.message : 'Something went wrong.';
      this.store.update({ error: message, progress: null });
      if (!isFieldbookError(err)) console.error(err);
    }
  }

  /** Closes the notice of refused changes. */
  dismissRefusedWrites(): void {
    this.store.update({ refusedWrites: null });
  }

  /** Closes the notice of a changed role. */
  dismissRoleChange(): void {
    this.store.update({ roleChange: null });
  }

  /** Shows a document side panel (an id from shell/registry.tsx), or closes it with null. */
  setPanel(panel: string | null): void {
    if (panel) localStorage.setItem(PANEL_KEY, panel);
    else localStorage.removeItem(PANEL_KEY);
    this.store.update({ panel });
  }

  /** Shows the documents of the tree filter. */
  setFilter(filter: TreeFilter): void {
    this.store.update({ filter });
  }

  /** Shows or hides the preferences dialog. */
  setPreferencesOpen(open: boolean): void {
    this.store.update({ preferencesOpen: open });
  }
}
