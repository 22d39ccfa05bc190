import { useEffect, useState } from 'react';

import type * as NoteEditorModule from '../editor/NoteEditor';

type EditorModule = typeof NoteEditorModule;

let loaded: EditorModule | null = null;
let loading: Promise<EditorModule> | null = null;

/**
 * Loads the note editor's code (CodeMirror and its Markdown support, a
 * separate chunk). Called when a workspace opens, so the editor is ready by
 * the time a note is — keys typed into a new note's title and on into its
 * text never wait for it.
 */
export function loadEditor(): Promise<EditorModule> {
  loading ??= import('../editor/NoteEditor').then((m) => (loaded = m));
  return loading;
}

/** The editor module: at once when loaded before, else after it arrives. */
export function useEditorModule(): EditorModule | null {
  const [module, setModule] = useState(loaded);
  useEffect(() => {
    if (!module) void loadEditor().then(setModule);
  }, [module]);
  return module;
}
