import { autocompletion, closeBrackets } from '@codemirror/autocomplete';
import { defaultKeymap } from '@codemirror/commands';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { languages } from '@codemirror/language-data';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, drawSelection, keymap, placeholder } from '@codemirror/view';
import { noteBody } from '@fieldbook/crdt-model';
import { useEffect, useRef, type RefObject } from 'react';
import { yCollab, ySyncAnnotation, yUndoManagerKeymap } from 'y-codemirror.next';
import * as Y from 'yjs';
import { attachmentDrops } from '../files/editorAttachments';
import { firstMatch, takeNoteTarget } from '../search/noteTarget';
import type { DocReplica } from '../sync/docReplica';
import { noteTheme } from './editorTheme';
import { linkTargets, openLinkedDocument, setLinkTargets, type LinkTarget } from './linkTargets';
import { listEditing } from './listContinuation';
import { linkClickHandler, livePreview } from './livePreview';
import { tablePreview } from './tables';
import { wikiLinkCompletion } from './wikiLinkCompletion';
import { firstScreenShown } from '../shell/startupGate';

/** The extensions that make the text editable or not. */
const editable = (readOnly: boolean) => [
  EditorState.readOnly.of(readOnly),
  EditorView.editable.of(!readOnly),
];

/** How often, at most, typing records "last edited by" on the workspace index. */
const TOUCH_EVERY_MS = 15_000;

/** Props of the note editor. */
export interface NoteEditorProps {
  replica: DocReplica;
  /** The note's own id (left out of [[ completion). */
  docId: string;
  /** Whether the editor takes the keyboard when it appears. */
  autoFocus: boolean;
  /** Set to the editor's view while it is shown, for the pane to move the keyboard into it. */
  viewRef: RefObject<EditorView | null>;
  /** Shown, selectable, not editable (the user may not edit this note). */
  readOnly: boolean;
  /** Documents [[ links can point to (titles shown for links, offered by completion). */
  targets: readonly LinkTarget[];
  /** Opens a linked document. */
  onOpenDocument: (id: string) => void;
  /** Called when this user changes the text: at most every 15 s, and on leaving it. */
  onLocalEdit: () => void;
  /** Called once the editor is shown, after it took the keyboard if `autoFocus`. */
  onShown?: (view: EditorView) => void;
}

/**
 * The note body: Markdown in CodeMirror 6 with a live preview (the text
 * stays Markdown in the note's Y.Text), bound with y-codemirror.next — remote
 * cursors with names from awareness, and undo/redo that reverts only this
 * user's edits. Lists continue on Enter and nest on Tab; `[[` links documents.
 */
export function NoteEditor(props: NoteEditorProps) {
  const { replica, docId, autoFocus, viewRef, readOnly } = props;
  const host = useRef<HTMLDivElement>(null);
  // Read-only is switched in place: making a new editor when a role arrives or changes would
  // drop the cursor to the start while someone is typing.
  const editability = useRef(new Compartment());
  const latest = useRef(props);
  latest.current = props;
  // The keyboard and cursor of an editor made again for the same note (a new replica passed in,
  // or StrictMode's second mount in development) stay where the user had them.
  const kept = useRef<{ focused: boolean; anchor: number; head: number } | null>(null);
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const text = noteBody(replica.doc);
    const undoManager = new Y.UndoManager(text);
    let lastTouch = 0;
    let editedSinceTouch = false;
    const touch = () => {
      lastTouch = Date.now();
      editedSinceTouch = false;
      latest.current.onLocalEdit();
    };
    const open = (id: string) => latest.current.onOpenDocument(id);
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: text.toString(),
        extensions: [
          listEditing,
          keymap.of([...yUndoManagerKeymap, ...defaultKeymap]),
          drawSelection(),
          EditorView.lineWrapping,
          markdown({ base: markdownLanguage, codeLanguages: languages, addKeymap: false }),
          noteTheme,
          closeBrackets(),
          linkTargets.init(() => new Map(latest.current.targets.map((t) => [t.id, t]))),
          openLinkedDocument.of(open),
          autocompletion({ override: [wikiLinkCompletion(docId)], icons: false }),
          livePreview,
          tablePreview,
          linkClickHandler(open),
          attachmentDrops(replica.doc),
          placeholder(
            'Write here. Markdown works: # heading, - list, [ ] task, [[ to link a note.',
          ),
          EditorView.contentAttributes.of({
            'aria-label': 'Note text',
            'aria-multiline': 'true',
            'data-testid': 'editor',
          }),
          editability.current.of(editable(latest.current.readOnly)),
          yCollab(text, replica.awareness, { undoManager }),
          EditorView.updateListener.of((update) => {
            // Leaving the text records the last edit, so backlinks and "last edited" catch up.
            if (update.focusChanged && !update.view.hasFocus && editedSinceTouch) touch();
            if (!update.docChanged) return;
            if (update.transactions.every((tr) => tr.annotation(ySyncAnnotation))) return;
            editedSinceTouch = true;
            if (Date.now() - lastTouch >= TOUCH_EVERY_MS) touch();
          }),
        ],
      }),
    });
    viewRef.current = view;
    // The note is on screen with its text: the workspace's background work may start.
    void replica.ready.then(firstScreenShown);
    const terms = takeNoteTarget(replica.ref.docId);
    const match = terms ? firstMatch(text.toString(), terms) : null;
    if (match) {
      // Opened at a search hit: the match selected and in view, once the pane has settled.
      requestAnimationFrame(() => {
        view.dispatch({
          selection: { anchor: match.from, head: match.to },
          effects: EditorView.scrollIntoView(match.from, { y: 'center' }),
        });
        view.focus();
      });
    } else if (kept.current?.focused) {
      const end = view.state.doc.length;
      const { anchor, head } = kept.current;
      view.dispatch({ selection: { anchor: Math.min(anchor, end), head: Math.min(head, end) } });
      view.focus();
    } else if (autoFocus) view.focus();
    kept.current = null;
    latest.current.onShown?.(view);
    return () => {
      const { anchor, head } = view.state.selection.main;
      kept.current = { focused: view.hasFocus, anchor, head };
      if (editedSinceTouch) touch();
      viewRef.current = null;
      view.destroy();
      undoManager.destroy();
    };
  }, [replica, docId]);
  useEffect(() => {
    viewRef.current?.dispatch({ effects: editability.current.reconfigure(editable(readOnly)) });
  }, [readOnly, viewRef]);
  useEffect(() => {
    viewRef.current?.dispatch({ effects: setLinkTargets.of(props.targets) });
  }, [props.targets, viewRef]);
  return <div className="note-editor" ref={host} />;
}
