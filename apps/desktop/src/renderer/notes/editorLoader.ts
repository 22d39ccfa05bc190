import { useEffect, useState } from 'react';

import type * as NoteEditorModule from '../editor/NoteEditor';

type EditorModule = typeof NoteEditorModule;

/** How long to wait before asking again for editor code that failed to arrive. */
const RETRY_MS = 2_000;

let loaded: EditorModule | null = null;
let loading: Promise<EditorModule> | null = null;

/**
 * Loads the note editor's code (CodeMirror and its Markdown support, a
 * separate chunk). Called when a workspace opens, so the editor is ready by
 * the time a note is — keys typed into a new note's title and on into its
 * text never wait for it. A failed load (the network went away first) is
 * forgotten, so the next call tries again.
 */
export function loadEditor(): Promise<EditorModule> {
  loading ??= import('../editor/NoteEditor').then(
    (m) => (loaded = m),
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

/** The editor module: at once when loaded before, else after it arrives (retrying until it does). */
export function useEditorModule(): EditorModule | null {
  const [module, setModule] = useState(loaded);
  useEffect(() => {
    if (module) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const attempt = () =>
      loadEditor().then(
        (m) => live && setModule(m),
        () => {
          if (live) timer = setTimeout(attempt, RETRY_MS);
        },
      );
    void attempt();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [module]);
  return module;
}
