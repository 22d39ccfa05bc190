import { collectBacklinks } from '@fieldbook/crdt-model';
import { FileText } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { PanelProps } from '../shell/registry';
import { Spinner } from '../ui';
import { workspaceLinks } from './linkIndex';

/**
 * "Linked from": the notes whose text links to this one ([[…]] links), from
 * every note this machine holds, re-read as notes change.
 */
export default function BacklinksPanel({ entry, state, actions }: PanelProps) {
  const [sources, setSources] = useState<string[] | null>(null);
  const profileId = state.session?.profileId ?? '';
  const documents = state.index?.documents;
  useEffect(() => {
    if (!documents) return;
    let live = true;
    const timer = setTimeout(() => {
      void workspaceLinks(profileId, documents).then((links) => {
        if (live) setSources(collectBacklinks(links).get(entry.id) ?? []);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [entry.id, profileId, documents]);
  const docs = new Map((documents ?? []).map((d) => [d.id, d]));
  const listed = (sources ?? []).flatMap((id) => {
    const d = docs.get(id);
    return d && d.trashedAt === null && d.id !== entry.id ? [d] : [];
  });
  return (
    <section className="panel-section" aria-labelledby="backlinks-title">
      <h2 id="backlinks-title" className="panel-section__title">
        Linked from
      </h2>
      {sources === null ? (
        <p className="muted small" role="status">
          <Spinner size={12} /> Looking for links…
        </p>
      ) : listed.length === 0 ? (
        <p className="muted small">
          No note links here yet. Type <code>[[</code> in another note and pick this one.
        </p>
      ) : (
        <ul className="panel-list" data-testid="backlinks">
          {listed.map((d) => (
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
      )}
    </section>
  );
}
