import type { DocumentEntry } from '@fieldbook/shared';
import type { EditorView } from '@codemirror/view';
import { Lock } from 'lucide-react';
import { useEffect, useMemo, useRef } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { useAccess } from '../shell/access';
import type { DocReplica } from '../sync/docReplica';
import { Spinner } from '../ui';
import { useEditorModule } from './editorLoader';
// The editor's styles ship with the shell: a lazily loaded stylesheet is one more request that can
// fail alone when the network drops between the page and the editor's code.
import '../editor/editor.css';
import './notes.css';
import { Backlinks } from './Backlinks';
import { NoteFooter } from './NoteFooter';
import { TagEditor } from './TagEditor';
import { TitleField } from './TitleField';
import { TypeAhead } from './typeAhead';

/**
 * The open note: title, tags, the collaborative Markdown editor, and a
 * footer with the word count and who edited it last. Read-only where the
 * permission matrix says the user may not edit it. A new note (`isNew`)
 * starts with the keyboard in its title, an opened one in its text.
 */
export function NotePane({
  entry,
  state,
  replica,
  actions,
}: {
  entry: DocumentEntry;
  state: AppState;
  replica: DocReplica | null;
  actions: ShellActions;
}) {
  const access = useAccess();
  const editor = useRef<EditorView | null>(null);
  const editorModule = useEditorModule();
  const trashed = entry.trashedAt !== null;
  // The title and tags are the document's listing (own, or everyone's from reviewer up);
  // the text is shared work every contributor may edit (the matrix's document.editContent).
  const readOnly = !access.may('document.edit', entry.createdBy) || trashed;
  const textReadOnly = !access.may('document.editContent') || trashed;
  const isNew = state.openIsNew;
  const typeAhead = useRef<TypeAhead | null>(null);
  useEffect(() => () => typeAhead.current?.stopListening(), []);
  const toText = (title: HTMLInputElement) => {
    if (editor.current) {
      editor.current.focus();
      return;
    }
    // Keys typed on into the text while its editor is on the way are held for it.
    title.blur();
    if (textReadOnly) return;
    typeAhead.current ??= new TypeAhead();
    typeAhead.current.start(entry.id);
  };
  const Editor = editorModule?.NoteEditor;
  const documents = state.index?.documents;
  const targets = useMemo(
    () =>
      (documents ?? [])
        .filter((d) => d.trashedAt === null && d.kind !== 'annotations')
        .map((d) => ({ id: d.id, title: d.title, kind: d.kind })),
    [documents],
  );
  return (
    <article className="note" aria-label="Note">
      <div className="note__column">
        <TitleField
          entry={entry}
          actions={actions}
          isNew={isNew}
          readOnly={readOnly}
          onEnter={toText}
        />
        {textReadOnly && !trashed && (
          <p className="note__read-only" role="note">
            <Lock size={13} aria-hidden="true" />
            Read only: your role in this workspace ({access.grant?.role ?? 'unknown'}) may not edit
            notes.
          </p>
        )}
        <TagEditor
          entry={entry}
          documents={state.index?.documents ?? []}
          tagColors={state.index?.tagColors ?? {}}
          actions={actions}
          readOnly={readOnly}
        />
        {replica && Editor ? (
          <Editor
            replica={replica}
            docId={entry.id}
            autoFocus={!isNew && !textReadOnly}
            viewRef={editor}
            readOnly={textReadOnly}
            targets={targets}
            onOpenDocument={(id) => actions.navigate({ kind: 'doc', docId: id })}
            onLocalEdit={() => actions.docs.touch(entry.id)}
            onShown={(view) => typeAhead.current?.flushInto(entry.id, view)}
          />
        ) : (
          <p className="note__loading" role="status">
            <Spinner size={14} /> Opening…
          </p>
        )}
        <NoteFooter entry={entry} state={state} replica={replica} />
        {state.panel !== 'backlinks' && <Backlinks entry={entry} state={state} actions={actions} />}
      </div>
    </article>
  );
}
