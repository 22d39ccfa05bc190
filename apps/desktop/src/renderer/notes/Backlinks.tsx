import { collectBacklinks } from '@fieldbook/crdt-model';
import type { DocumentEntry } from '@fieldbook/shared';
import { FileText } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { Spinner } from '../ui';
import { afterStartup } from '../shell/startupGate';
import { workspaceLinks } from './linkIndex';

/** The live notes that link to `entry`, from every note this machine holds; null while looking. */
export function useBacklinks(entry: DocumentEntry, state: AppState): DocumentEntry[] | null {
  const [sources, setSources] = useState<string[] | null>(null);
  const profileId = state.session?.profileId ?? '';
  const documents = state.index?.documents;
  useEffect(() => {
    if (!documents) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Reads every local note: after the first screen (see startupGate), and once the index settles.
    void afterStartup().then(() => {
      if (!live) return;
      timer = setTimeout(() => {
        void workspaceLinks(profileId, documents, () => !live).then((links) => {
          if (live && links) setSources(collectBacklinks(links).get(entry.id) ?? []);
        });
      }, 500);
    });
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [entry.id, profileId, documents]);
  if (sources === null) return null;
  const docs = new Map((documents ?? []).map((d) => [d.id, d]));
  return sources.flatMap((id) => {
    const d = docs.get(id);
    return d && d.trashedAt === null && d.id !== entry.id ? [d] : [];
  });
}

/** "Linked from": the notes linking here, as buttons that open them. */
export function BacklinkList({
  entry,
  state,
  actions,
  empty,
}: {
  entry: DocumentEntry;
  state: AppState;
  actions: ShellActions;
  /** What to show when nothing links here (null: nothing). */
  empty: React.ReactNode;
}) {
  const links = useBacklinks(entry, state);
  if (links === null) {
    return (
      <p className="muted small" role="status">
        <Spinner size={12} /> Looking for links…
      </p>
    );
  }
  if (links.length === 0) return <>{empty}</>;
  return (
    <ul className="panel-list" data-testid="backlinks">
      {links.map((d) => (
        <li key={d.id}>
          <button
            type="button"
            className="panel-list__item"
            onClick={() => actions.navigate({ kind: 'doc', docId: d.id })}
          >
            <FileText size={15} aria-hidden="true" />
            {d.title || 'Untitled'}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Under the note: the notes that link to it. */
export function Backlinks(props: { entry: DocumentEntry; state: AppState; actions: ShellActions }) {
  return (
    <section className="note__backlinks" aria-labelledby="note-backlinks-title">
      <h2 id="note-backlinks-title" className="panel-section__title">
        Linked from
      </h2>
      <BacklinkList
        {...props}
        empty={
          <p className="muted small">
            No note links here yet. Type <code>[[</code> in another note to link to this one.
          </p>
        }
      />
    </section>
  );
}
