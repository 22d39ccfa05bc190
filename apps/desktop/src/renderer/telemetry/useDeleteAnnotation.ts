import type * as Y from 'yjs';
import { deleteAnnotation, readAnnotation, type ModelOrigin } from '@fieldbook/crdt-model';
import { toast, useConfirm } from '../ui';

/**
 * Deletes an annotation after a confirmation that says what goes with it
 * (its comments, for everyone); `onDeleted` runs once it is gone. The Delete
 * key and the panel's delete button share it, so neither deletes unasked.
 */
export function useDeleteAnnotation(
  doc: Y.Doc | null,
  origin: ModelOrigin,
  onDeleted: () => void,
): (id: string) => Promise<void> {
  const confirm = useConfirm();
  return async (id) => {
    const annotation = doc ? readAnnotation(doc, id) : null;
    if (!doc || !annotation) return;
    const title = annotation.title || 'Untitled';
    const comments = annotation.comments.length;
    const ok = await confirm({
      title: `Delete “${title}”?`,
      description: `It is deleted for everyone${
        comments > 0 ? `, with its ${comments === 1 ? 'comment' : `${comments} comments`}` : ''
      }. An admin can bring it back from the collection's history.`,
      confirmLabel: 'Delete',
      destructive: true,
    });
    if (!ok) return;
    deleteAnnotation(doc, { id }, origin);
    onDeleted();
    toast({ title: `Deleted “${title}”` });
  };
}
