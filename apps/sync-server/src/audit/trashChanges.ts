import * as Y from 'yjs';

/** The root map of a workspace index whose keys are document ids (see @fieldbook/crdt-model). */
const DOCUMENTS_ROOT = 'documents';
const TRASHED_AT = 'trashedAt';

/** A document moved to or out of the trash by one update of a workspace index. */
export interface TrashChange {
  documentId: string;
  action: 'document.trash' | 'document.restore';
  /** The entry's `trashedAt` before (epoch ms or null; absent when no longer known) and after. */
  from?: number | null;
  to: number | null;
}

function valueOf(item: Y.Item | null): unknown {
  if (!item || item.content instanceof Y.ContentDeleted) return undefined;
  return item.content.getContent()[0];
}

/**
 * The trash and restore operations an update carried, read from the workspace
 * index document it has been applied to: every new `trashedAt` value of a
 * `documents` entry is a trash (time) or a restore (null replacing an earlier
 * value; the first null is the entry's creation). Items the document no
 * longer holds are skipped.
 */
export function trashChanges(index: Y.Doc, update: Uint8Array): TrashChange[] {
  const changes: TrashChange[] = [];
  const values: { item: Y.Item; to: unknown }[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    // Map values are ContentAny; a decoded item names its key only when it has no origin,
    // so each one is looked up in the document it was integrated into. Its value is read
    // from the update: in the document a later update may already have replaced it.
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
    const content = struct.content.getContent();
    for (let i = 0; i < struct.length; i++) {
      try {
        const found = Y.getItem(index.store, Y.createID(struct.id.client, struct.id.clock + i));
        if (found instanceof Y.Item && found.parentSub === TRASHED_AT)
          values.push({ item: found, to: content[i] });
      } catch {
        // No longer held by the document.
      }
    }
  }
  for (const { item, to } of values) {
    if (!(item.parent instanceof Y.Map)) continue;
    const holder = item.parent._item;
    if (!holder?.parentSub || !(holder.parent instanceof Y.AbstractType)) continue;
    if (holder.parent._item !== null || Y.findRootTypeKey(holder.parent) !== DOCUMENTS_ROOT) {
      continue;
    }
    const previous = valueOf(item.left);
    const documentId = holder.parentSub;
    if (typeof to === 'number' && typeof previous !== 'number') {
      changes.push({ documentId, action: 'document.trash', from: null, to });
    } else if (to === null && item.left !== null && previous !== null) {
      // The earlier value was a time; its content may already be collected (then unknown).
      const from = typeof previous === 'number' ? previous : undefined;
      changes.push({ documentId, action: 'document.restore', ...(from ? { from } : {}), to });
    }
  }
  return changes;
}
