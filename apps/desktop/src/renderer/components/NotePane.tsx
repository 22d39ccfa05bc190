import type { DocumentEntry, Folder } from '@fieldbook/shared';
import { useEffect, useState, type FormEvent } from 'react';
import type { ShellActions } from '../actions';
import type { DocReplica } from '../sync/docReplica';
import { NoteEditor } from '../editor/NoteEditor';

function TitleField({ entry, actions }: { entry: DocumentEntry; actions: ShellActions }) {
  const [title, setTitle] = useState(entry.title);
  useEffect(() => setTitle(entry.title), [entry.title]);
  const commit = () => {
    if (title.trim() && title.trim() !== entry.title) void actions.docs.rename(entry.id, title);
  };
  return (
    <input
      className="note-title"
      aria-label="Title"
      value={title}
      maxLength={500}
      onChange={(e) => setTitle(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && (e.currentTarget as HTMLInputElement).blur()}
    />
  );
}

function TagField({ entry, actions }: { entry: DocumentEntry; actions: ShellActions }) {
  const [tag, setTag] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void actions.docs.addTag(entry.id, tag);
    setTag('');
  };
  return (
    <div className="note-tags">
      {entry.tags.map((t) => (
        <span key={t} className="tag">
          #{t}
          <button
            type="button"
            aria-label={`Remove tag ${t}`}
            onClick={() => void actions.docs.removeTag(entry.id, t)}
          >
            ×
          </button>
        </span>
      ))}
      <form onSubmit={submit} className="inline-form">
        <input
          aria-label="Add tag"
          placeholder="+ tag"
          value={tag}
          maxLength={64}
          onChange={(e) => setTag(e.target.value)}
        />
      </form>
    </div>
  );
}

/** The open note: title, tags, folder, trash, and the collaborative editor. */
export function NotePane({
  entry,
  folders,
  replica,
  actions,
}: {
  entry: DocumentEntry;
  folders: readonly Folder[];
  replica: DocReplica | null;
  actions: ShellActions;
}) {
  return (
    <article className="note-pane" aria-label="Note">
      <header className="note-header">
        <TitleField entry={entry} actions={actions} />
        <select
          aria-label="Folder"
          value={entry.folderId ?? ''}
          onChange={(e) => void actions.docs.moveToFolder(entry.id, e.target.value || null)}
        >
          <option value="">No folder</option>
          {folders.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          title="Move to trash"
          onClick={() => void actions.docs.trash(entry.id)}
        >
          Trash
        </button>
      </header>
      <TagField entry={entry} actions={actions} />
      {replica ? <NoteEditor replica={replica} /> : <p className="muted">Opening…</p>}
    </article>
  );
}
