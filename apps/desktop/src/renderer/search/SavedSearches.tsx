import { Bookmark, X } from 'lucide-react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { useAccess } from '../shell/access';
import { IconButton, useConfirm } from '../ui';
import { openPalette } from './paletteState';

/** The sidebar's saved searches (workspace index): each re-runs live in the palette. */
export function SavedSearches({ state, actions }: { state: AppState; actions: ShellActions }) {
  const access = useAccess();
  const confirm = useConfirm();
  // Read on every render: the index snapshot changing re-renders the sidebar.
  void state.index;
  const saved = actions.docs.savedSearches();
  if (saved.length === 0) return null;
  return (
    <section className="sidebar-section" aria-labelledby="saved-searches-heading">
      <div className="sidebar-section__head">
        <h2 id="saved-searches-heading" className="sidebar-section__title">
          Saved searches
        </h2>
      </div>
      {saved.map((s) => (
        <div key={s.id} className="saved-search">
          <a
            className="sidebar-link"
            href="#"
            onClick={(e) => {
              e.preventDefault();
              openPalette(s.q, s.filters, s.name);
            }}
          >
            <Bookmark size={15} aria-hidden="true" />
            <span className="sidebar-link__label">{s.name}</span>
          </a>
          {access.may('document.create') && (
            <IconButton
              size="sm"
              label={`Delete saved search ${s.name}`}
              icon={<X size={14} />}
              onClick={() =>
                void confirm({
                  title: `Delete the saved search “${s.name}”?`,
                  description: 'It disappears for everyone in the workspace.',
                  confirmLabel: 'Delete',
                  destructive: true,
                }).then((yes) => {
                  if (yes) void actions.docs.deleteSavedSearch(s.id);
                })
              }
            />
          )}
        </div>
      ))}
    </section>
  );
}
