import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, drawSelection, keymap, placeholder } from '@codemirror/view';
import { noteBody } from '@fieldbook/crdt-model';
import { useEffect, useRef, type RefObject } from 'react';
import { yCollab, ySyncAnnotation, yUndoManagerKeymap } from 'y-codemirror.next';
import * as Y from 'yjs';
import type { DocReplica } from '../sync/docReplica';

/** Keeps the names beside remote cursors visible, not only on hover. */
const showRemoteNames = EditorView.theme({
  '.cm-ySelectionInfo': {
    opacity: '1',
    top: '-1.2em',
    fontSize: '11px',
    fontFamily: 'var(--font-sans)',
    padding: '1px 4px',
  },
});

/** How often, at most, typing records "last edited by" on the workspace index. */
const TOUCH_EVERY_MS = 15_000;

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
  readOnly,
  onLocalEdit,
}: {
  replica: DocReplica;
  /** Whether the editor takes the keyboard when it appears. */
  autoFocus: boolean;
  /** Set to the editor's view while it is shown, for the pane to move the keyboard into it. */
  viewRef: RefObject<EditorView | null>;
  /** Shown, selectable, not editable (the user may not edit this note). */
  readOnly: boolean;
  /** Called (at most every 15 s) when this user changes the text. */
  onLocalEdit: () => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const latestEdit = useRef(onLocalEdit);
  latestEdit.current = onLocalEdit;
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const text = noteBody(replica.doc);
    const undoManager = new Y.UndoManager(text);
    let lastTouch = 0;
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
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          yCollab(text, replica.awareness, { undoManager }),
          showRemoteNames,
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            if (update.transactions.every((tr) => tr.annotation(ySyncAnnotation))) return;
            const now = Date.now();
            if (now - lastTouch < TOUCH_EVERY_MS) return;
            lastTouch = now;
            latestEdit.current();
          }),
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
  }, [replica, readOnly]);
  return <div className="note-editor" ref={host} />;
}
