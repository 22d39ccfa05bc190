import type { DocumentEntry } from '@fieldbook/shared';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ShellActions } from '../actions';

/** How long typing in a title pauses before the title is saved (and synced). */
const SAVE_AFTER_MS = 300;

/**
 * A document's title, saved while typing pauses, on Enter, on blur, and when
 * the page is hidden or left (leaving does not blur it). Enter then moves on (to the
 * note's text); Escape puts the saved title back. A new note's title has the
 * keyboard from the start, its placeholder name selected.
 */
export function TitleField({
  entry,
  actions,
  isNew,
  readOnly,
  onEnter,
}: {
  entry: DocumentEntry;
  actions: ShellActions;
  isNew: boolean;
  readOnly: boolean;
  onEnter?: (field: HTMLInputElement) => void;
}) {
  const [title, setTitle] = useState(entry.title);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => setTitle(entry.title), [entry.title]);
  useLayoutEffect(() => {
    if (!isNew || readOnly) return;
    field.current?.focus();
    field.current?.select();
  }, [isNew, readOnly]);
  const commit = () => {
    if (!readOnly && title.trim() && title.trim() !== entry.title) {
      void actions.docs.rename(entry.id, title);
    }
  };
  const latestCommit = useRef(commit);
  latestCommit.current = commit;
  useEffect(() => {
    if (title === entry.title) return;
    const timer = setTimeout(() => latestCommit.current(), SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [title, entry.title]);
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
      className="doc-title"
      aria-label="Title"
      value={title}
      maxLength={500}
      readOnly={readOnly}
      placeholder="Untitled"
      onChange={(e) => setTitle(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          setTitle(entry.title);
          return;
        }
        if (e.key !== 'Enter') return;
        e.preventDefault();
        commit();
        if (onEnter) onEnter(e.currentTarget);
        else e.currentTarget.blur();
      }}
    />
  );
}
