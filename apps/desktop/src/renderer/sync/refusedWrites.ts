import type { WorkspaceIndexSnapshot } from '@fieldbook/shared';
import type { RefusedDoc } from './refusalRecovery';

/** A refused change as the notice shows it: which document, why, and what was lost. */
export interface RefusedWrite {
  readonly docId: string;
  /** The document's title, or what the workspace index holds for the index itself. */
  readonly what: string;
  readonly reason: string;
  readonly text: string;
  readonly removals: number;
}

/** Names the refused documents from the workspace index, for the notice. */
export function describeRefused(
  refused: readonly RefusedDoc[],
  index: WorkspaceIndexSnapshot | null,
): RefusedWrite[] {
  return refused.map(({ ref, reason, text, removals }) => {
    const entry = index?.documents.find((d) => d.id === ref.docId);
    const what =
      ref.docId === ref.workspaceId
        ? 'The workspace’s document list (titles, folders, tags)'
        : `“${entry?.title || 'Untitled'}”`;
    // Line breaks typed before or after the text are not worth copying.
    return { docId: ref.docId, what, reason, text: text.replace(/^\n+|\n+$/g, ''), removals };
  });
}

/** Announced on `window` by sync code outside the workspace's link (a chart's collection). */
const WRITE_REFUSED = 'fieldbook:write-refused';

/** Reports a refused update heard on a provider the workspace's link does not own. */
export function announceWriteRefused(ref: RefusedDoc['ref'], reason: string): void {
  window.dispatchEvent(new CustomEvent(WRITE_REFUSED, { detail: { ref, reason } }));
}

/** Listens for refusals announced with announceWriteRefused; returns the removal. */
export function listenWriteRefused(
  handler: (ref: RefusedDoc['ref'], reason: string) => void,
): () => void {
  const listener = (e: Event) => {
    const { ref, reason } = (e as CustomEvent<{ ref: RefusedDoc['ref']; reason: string }>).detail;
    handler(ref, reason);
  };
  window.addEventListener(WRITE_REFUSED, listener);
  return () => window.removeEventListener(WRITE_REFUSED, listener);
}
