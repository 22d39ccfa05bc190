import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, drawSelection, keymap, placeholder } from '@codemirror/view';
import { noteBody } from '@fieldbook/crdt-model';
import { useEffect, useRef, type RefObject } from 'react';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import * as Y from 'yjs';
import type { DocReplica } from '../sync/docReplica';

/** Keeps the names beside remote cursors visible, not only on hover. */
const showRemoteNames = EditorView.theme({
  '.cm-ySelectionInfo': {
    opacity: '1',
    top: '-1.2em',
    fontSize: '11px',
    fontFamily: 'system-ui, sans-serif',
    padding: '1px 4px',
  },
});

/**
 * The note body in CodeMirror 6, bound to the note's Y.Text with
 * y-codemirror.next: remote cursors with names from awareness, and undo/redo
 * that reverts only this user's edits (a Y.UndoManager tracking the
 * binding's own origin, never remote updates).
 */
export function NoteEditor({
  replica,
  autoFocus,
  viewRef,
}: {
  replica: DocReplica;
  /** Whether the editor takes the keyboard when it appears. */
  autoFocus: boolean;
  /** Set to the editor's view while it is shown, for the pane to move the keyboard into it. */
  viewRef: RefObject<EditorView | null>;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const text = noteBody(replica.doc);
    const undoManager = new Y.UndoManager(text);
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: text.toString(),
        extensions: [
          keymap.of([...yUndoManagerKeymap, ...defaultKeymap, indentWithTab]),
          drawSelection(),
          EditorView.lineWrapping,
          markdown(),
          syntaxHighlighting(defaultHighlightStyle),
          placeholder('Write here. Markdown works: # heading, - list, **bold**.'),
          EditorView.contentAttributes.of({ 'aria-label': 'Note text', 'data-testid': 'editor' }),
          yCollab(text, replica.awareness, { undoManager }),
          showRemoteNames,
        ],
      }),
    });
    viewRef.current = view;
    if (autoFocus) view.focus();
    return () => {
      viewRef.current = null;
      view.destroy();
      undoManager.destroy();
    };
  }, [replica]);
  return <div className="note-editor" ref={host} />;
}
