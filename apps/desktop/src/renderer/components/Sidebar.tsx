import type { DocumentEntry } from '@fieldbook/shared';
import { useState, type FormEvent } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

function DocItem({
  d,
  state,
  actions,
}: {
  d: DocumentEntry;
  state: AppState;
  actions: ShellActions;
}) {
  const selected = d.id === state.openDocId;
  const here = state.peers.filter((p) => p.docId === d.id);
  return (
    <li>
      <button
        type="button"
        className={`doc-item${selected ? ' selected' : ''}`}
        aria-current={selected ? 'page' : undefined}
        onClick={() => void actions.docs.openNote(d.id)}
        title={d.title}
      >
        {d.kind !== 'note' && (
          <span className="doc-kind">{d.kind === 'view' ? 'chart · ' : 'annotations · '}</span>
        )}
        <span className="doc-title">{d.title || 'Untitled'}</span>
        {here.length > 0 && <span className="doc-peers" aria-label={`${here.length} here`} />}
      </button>
    </li>
  );
}

function NewFolder({ actions }: { actions: ShellActions }) {
  const [name, setName] = useState<string | null>(null);
  if (name === null) {
    return (
      <button type="button" className="link-button" onClick={() => setName('')}>
        + Folder
      </button>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void actions.docs.createFolder(name);
    setName(null);
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <input
        autoFocus
        aria-label="Folder name"
        value={name}
        maxLength={200}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setName(null)}
      />
    </form>
  );
}

/** Workspace switcher, new note, and the document tree: folders, tags, trash. */
export function Sidebar({ state, actions }: { state: AppState; actions: ShellActions }) {
  const { index, filter } = state;
  const live = index?.documents.filter((d) => d.trashedAt === null) ?? [];
  const trashed = index?.documents.filter((d) => d.trashedAt !== null) ?? [];
  const tags = [...new Set(live.flatMap((d) => d.tags))].sort();
  const shown = filter.kind === 'tag' ? live.filter((d) => d.tags.includes(filter.tag)) : live;
  const item = (d: DocumentEntry) => <DocItem key={d.id} d={d} state={state} actions={actions} />;
  return (
    <nav className="sidebar" aria-label="Workspace">
      <header className="sidebar-header">
        <div className="brand">Fieldbook</div>
        <WorkspaceSwitcher state={state} actions={actions} />
      </header>
      <button
        type="button"
        className="button primary"
        disabled={!index}
        title="New note (Ctrl+N / Alt+N)"
        onClick={() => void actions.docs.createNote()}
      >
        New note
      </button>
      <button
        type="button"
        className="button"
        disabled={!index}
        onClick={() => void actions.docs.createChart()}
      >
        New chart
      </button>
      <section className="doc-tree" aria-label="Documents">
        <h2 className="section-title">
          {filter.kind === 'tag' ? (
            <button
              type="button"
              className="link-button"
              onClick={() => actions.setFilter({ kind: 'all' })}
            >
              Documents › #{filter.tag} ✕
            </button>
          ) : (
            'Documents'
          )}
        </h2>
        {!index && <p className="muted">Loading the workspace…</p>}
        {index && shown.length === 0 && <p className="muted">Nothing here yet</p>}
        {index?.folders.map((f) => {
          const inside = shown.filter((d) => d.folderId === f.id);
          return (
            <details key={f.id} className="folder" open>
              <summary>{f.name}</summary>
              {inside.length === 0 ? (
                <p className="muted small">Empty folder</p>
              ) : (
                <ul>{inside.map(item)}</ul>
              )}
            </details>
          );
        })}
        <ul>{shown.filter((d) => d.folderId === null).map(item)}</ul>
        {index && <NewFolder actions={actions} />}
      </section>
      {tags.length > 0 && (
        <section className="tag-list" aria-label="Tags">
          <h2 className="section-title">Tags</h2>
          <ul>
            {tags.map((t) => (
              <li key={t}>
                <button
                  type="button"
                  className="tag"
                  onClick={() => actions.setFilter({ kind: 'tag', tag: t })}
                >
                  #{t}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="trash" aria-label="Trash">
        <details>
          <summary className="section-title">Trash ({trashed.length})</summary>
          {trashed.length === 0 ? (
            <p className="muted small">The trash is empty</p>
          ) : (
            <ul>
              {trashed.map((d) => (
                <li key={d.id} className="trash-item">
                  <span>{d.title || 'Untitled'}</span>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void actions.docs.restore(d.id)}
                  >
                    Restore
                  </button>
                </li>
              ))}
            </ul>
          )}
        </details>
      </section>
      {state.runtime === 'desktop' && (
        <footer className="sidebar-footer">
          <button type="button" className="button" onClick={() => void actions.importWorkspace()}>
            Import…
          </button>
          <button
            type="button"
            className="button"
            disabled={!index || live.length === 0}
            onClick={() => void actions.exportWorkspace()}
          >
            Export…
          </button>
        </footer>
      )}
    </nav>
  );
}
