import type { NoteSnapshot } from '@fieldbook/shared';

/** A note as stored: title, tags and its Markdown text. */
export function NoteView({ note }: { note: NoteSnapshot }) {
  return (
    <article className="note-view">
      <h1 className="note-title">{note.title || 'Untitled'}</h1>
      {note.tags.length > 0 && (
        <ul className="tags" aria-label="Tags">
          {note.tags.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      )}
      {note.text ? (
        <pre className="note-text">{note.text}</pre>
      ) : (
        <p className="muted">This note is empty.</p>
      )}
    </article>
  );
}
