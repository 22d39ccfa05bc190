import type { DocumentEntry, Folder } from '@fieldbook/shared';
import type { EditorView } from '@codemirror/view';
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import type { ShellActions } from '../actions';
import type { DocReplica } from '../sync/docReplica';
import { NoteEditor } from '../editor/NoteEditor';

/**
 * The note's title, committed on blur, and when the page is hidden or left
 * (leaving does not blur it). Enter moves on to the text; a new note's title
 * has the keyboard from the start, its placeholder name selected.
 */
function TitleField({
  entry,
  actions,
  isNew,
  onEnter,
}: {
  entry: DocumentEntry;
  actions: ShellActions;
  isNew: boolean;
  onEnter: (field: HTMLInputElement) => void;
}) {
  const [title, setTitle] = useState(entry.title);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => setTitle(entry.title), [entry.title]);
  useLayoutEffect(() => {
    if (!isNew) return;
    field.current?.focus();
    field.current?.select();
  }, [isNew]);
  const commit = () => {
    if (title.trim() && title.trim() !== entry.title) void actions.docs.rename(entry.id, title);
  };
  const latestCommit = useRef(commit);
  latestCommit.current = commit;
  useEffect(() => {
    const onLeave = () => latestCommit.current();
    const onVisibility = () => document.visibilityState === 'hidden' && latestCommit.current();
    window.addEventListener('pagehide', onLeave);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);
  return (
    <input
      ref={field}
      className="note-title"
      aria-label="Title"
      value={title}
      maxLength={500}
      onChange={(e) => setTitle(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key !== 'Enter') return;
        e.preventDefault();
        onEnter(e.currentTarget);
      }}
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

/**
 * The open note: title, tags, folder, trash, and the collaborative editor.
 * A new note (`isNew`) starts with the keyboard in its title, an opened one in its text.
 */
export function NotePane({
  entry,
  folders,
  replica,
  isNew,
  actions,
}: {
  entry: DocumentEntry;
  folders: readonly Folder[];
  replica: DocReplica | null;
  isNew: boolean;
  actions: ShellActions;
}) {
  const editor = useRef<EditorView | null>(null);
  const toText = (title: HTMLInputElement) => {
    if (editor.current) editor.current.focus();
    else title.blur();
  };
  return (
    <article className="note-pane" aria-label="Note">
      <header className="note-header">
        <TitleField entry={entry} actions={actions} isNew={isNew} onEnter={toText} />
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
      {replica ? (
        <NoteEditor replica={replica} autoFocus={!isNew} viewRef={editor} />
      ) : (
        <p className="muted">Opening…</p>
      )}
    </article>
  );
}
