import type { DocumentEntry } from '@fieldbook/shared';
import { noteBody, notePlainText } from '@fieldbook/crdt-model';
import { useEffect, useState } from 'react';
import type { AppState } from '../appState';
import { useAccess } from '../shell/access';
import type { DocReplica } from '../sync/docReplica';

/** Words in a Markdown text, without its syntax. */
export function countWords(markdown: string): number {
  const plain = notePlainText(markdown);
  return plain ? plain.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length : 0;
}

function useWordCount(replica: DocReplica | null): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    if (!replica) return;
    const text = noteBody(replica.doc);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const recount = () => {
      timer = null;
      setCount(countWords(text.toString()));
    };
    recount();
    const later = () => (timer ??= setTimeout(recount, 300));
    text.observe(later);
    return () => {
      text.unobserve(later);
      if (timer) clearTimeout(timer);
    };
  }, [replica]);
  return count;
}

function when(ms: number): string {
  const d = new Date(ms);
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay
    ? `at ${d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
    : `on ${d.toLocaleDateString([], { day: 'numeric', month: 'short', year: 'numeric' })}`;
}

/** Under the note: its word count and "Last edited by … at …". */
export function NoteFooter({
  entry,
  state,
  replica,
}: {
  entry: DocumentEntry;
  state: AppState;
  replica: DocReplica | null;
}) {
  const access = useAccess();
  const words = useWordCount(replica);
  const by = state.activity.get(entry.id)?.updatedBy ?? entry.createdBy;
  return (
    <footer className="note__footer" data-testid="note-footer">
      {words !== null && (
        <span>
          {words} word{words === 1 ? '' : 's'}
        </span>
      )}
      <span>
        Last edited by {access.nameOf(by)} {when(entry.updatedAt)}
      </span>
    </footer>
  );
}
