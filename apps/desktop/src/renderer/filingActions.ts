import {
  deleteSavedSearch,
  readSavedSearches,
  saveSearch,
  type SavedSearch,
  createFolder,
  moveDocument,
  moveFolder,
  renameFolder,
  setTagColor,
  tagDocument,
  trashFolder,
} from '@fieldbook/crdt-model';
import { newId, type SearchFilters } from '@fieldbook/shared';
import { IndexEdits } from './indexEdits';
import { groupTags, resolveTag, type ResolvedTag } from './tags/tagNames';
import { toast } from './ui';

/**
 * Where documents are filed and how they are found again: tags, folders and
 * saved searches, each one change on the workspace index. The documents
 * themselves (create, open, trash) are DocumentActions'.
 */
export abstract class FilingActions extends IndexEdits {
  /** Closes the open document (a deleted folder may have held it). */
  abstract closeNote(): void;

  /**
   * Adds a tag as typed (one '#', case kept). When the workspace already has
   * it in another case, that spelling is used and the answer says so.
   */
  addTag(docId: string, typed: string): ResolvedTag | null {
    const ws = this.index();
    const snapshot = ws?.snapshot();
    if (!ws || !snapshot) return null;
    const resolved = resolveTag(typed, groupTags(snapshot.documents));
    if (!resolved) return null;
    void this.run(() =>
      tagDocument(ws.index.doc, { id: docId, add: [resolved.tag] }, this.origin()),
    );
    return resolved;
  }

  /** Sets the colour a tag is shown in across the workspace (charts, lists). */
  setTagColor(tag: string, color: string): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (ws) setTagColor(ws.index.doc, { tag, color }, this.origin());
    });
  }

  /** Removes a tag from a document. */
  removeTag(docId: string, tag: string): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (ws) tagDocument(ws.index.doc, { id: docId, remove: [tag] }, this.origin());
    });
  }

  /** Creates a folder (inside `parentId`, else at the root) with the id given. */
  createFolder(name: string, parentId: string | null = null, id: string = newId()): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (ws && name.trim()) {
        createFolder(ws.index.doc, { id, name: name.trim(), parentId }, this.origin());
      }
    });
  }

  /** Renames a folder. */
  renameFolder(folderId: string, name: string): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (ws && name.trim())
        renameFolder(ws.index.doc, { id: folderId, name: name.trim() }, this.origin());
    });
  }

  /** Moves a folder into another (null: the root). Refused when that would put it inside itself. */
  moveFolder(folderId: string, parentId: string | null): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (ws) moveFolder(ws.index.doc, { id: folderId, parentId }, this.origin());
    });
  }

  /** Deletes a folder and its sub-folders; the documents inside go to the trash. */
  deleteFolder(folderId: string): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (!ws) return;
      const trashed = trashFolder(ws.index.doc, { id: folderId }, this.origin());
      const open = this.store.get().openDocId;
      if (open && trashed.includes(open)) this.closeNote();
      if (trashed.length > 0) {
        toast({
          title: `Folder deleted; ${trashed.length} document${trashed.length === 1 ? '' : 's'} moved to the trash`,
        });
      }
    });
  }

  /** Files a document into a folder (null: the root). */
  moveToFolder(docId: string, folderId: string | null): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (ws) moveDocument(ws.index.doc, { id: docId, folderId }, this.origin());
    });
  }

  /** Saves a search (words and filters) for the whole workspace, in its index. */
  saveSearch(input: { name: string; q: string; filters: SearchFilters }): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (ws) saveSearch(ws.index.doc, input, this.origin());
    });
  }

  /** Removes a saved search. */
  deleteSavedSearch(id: string): Promise<void> {
    return this.run(() => {
      const ws = this.index();
      if (ws) deleteSavedSearch(ws.index.doc, { id }, this.origin());
    });
  }

  /** The workspace's saved searches (empty before the index has arrived). */
  savedSearches(): SavedSearch[] {
    const ws = this.index();
    return ws ? readSavedSearches(ws.index.doc) : [];
  }
}
