import * as Y from 'yjs';
import { z } from 'zod';
import {
  FieldbookError,
  FolderSchema,
  IdSchema,
  TagSchema,
  WorkspaceIndexSnapshotSchema,
  newId,
} from '@fieldbook/shared';
import type { ModelOrigin } from '../origin';
import { beginChange, beginCreate, metaOf, writeMeta } from '../schemaVersion';
import { invalidOperation, parseInput } from '../validate';
import { documentsOf, foldersOf, requireFolder, tagColorsOf, touched } from './structure';

const NameInput = z.strictObject({ name: WorkspaceIndexSnapshotSchema.shape.name });

/** Makes an empty document into a workspace index with the given name. */
export function createWorkspaceIndex(
  doc: Y.Doc,
  input: { name: string },
  origin: ModelOrigin,
): void {
  beginCreate(doc, 'workspace', origin);
  const { name } = parseInput(NameInput, input, 'workspace');
  doc.transact(() => writeMeta(doc, 'workspace', { name }), origin);
}

/** Renames the workspace. */
export function renameWorkspace(doc: Y.Doc, input: { name: string }, origin: ModelOrigin): void {
  beginChange(doc, 'workspace', origin);
  const { name } = parseInput(NameInput, input, 'workspace name');
  doc.transact(() => metaOf(doc).set('name', name), origin);
}

/** Input of createFolder (parentId null or absent = at the root). */
export const CreateFolderInputSchema = z.strictObject({
  id: IdSchema.optional(),
  name: FolderSchema.shape.name,
  parentId: IdSchema.nullable().optional(),
});

/** Creates a folder; returns its id. */
export function createFolder(
  doc: Y.Doc,
  input: z.input<typeof CreateFolderInputSchema>,
  origin: ModelOrigin,
): string {
  const now = beginChange(doc, 'workspace', origin);
  const {
    id = newId(now),
    name,
    parentId = null,
  } = parseInput(CreateFolderInputSchema, input, 'folder');
  if (foldersOf(doc).has(id)) {
    throw new FieldbookError('CONFLICT', `A folder with id ${id} exists`, { id });
  }
  if (parentId !== null) requireFolder(doc, parentId);
  doc.transact(() => {
    const folder = new Y.Map<unknown>();
    foldersOf(doc).set(id, folder);
    folder.set('id', id);
    folder.set('name', name);
    folder.set('parentId', parentId);
  }, origin);
  return id;
}

/** Renames a folder. */
export function renameFolder(
  doc: Y.Doc,
  input: { id: string; name: string },
  origin: ModelOrigin,
): void {
  beginChange(doc, 'workspace', origin);
  const { id, name } = parseInput(
    z.strictObject({ id: IdSchema, name: FolderSchema.shape.name }),
    input,
    'folder rename',
  );
  const folder = requireFolder(doc, id);
  doc.transact(() => folder.set('name', name), origin);
}

/** Moves a folder under another folder (or the root); refuses to put a folder inside itself. */
export function moveFolder(
  doc: Y.Doc,
  input: { id: string; parentId: string | null },
  origin: ModelOrigin,
): void {
  beginChange(doc, 'workspace', origin);
  const { id, parentId } = parseInput(
    z.strictObject({ id: IdSchema, parentId: IdSchema.nullable() }),
    input,
    'folder move',
  );
  const folder = requireFolder(doc, id);
  if (parentId !== null) {
    requireFolder(doc, parentId);
    const seen = new Set<string>();
    for (let at: string | null = parentId; at !== null && !seen.has(at);) {
      if (at === id) throw invalidOperation('A folder cannot move inside itself', { id, parentId });
      seen.add(at);
      const parent: unknown = foldersOf(doc).get(at)?.get('parentId');
      at = typeof parent === 'string' ? parent : null;
    }
  }
  doc.transact(() => folder.set('parentId', parentId), origin);
}

/** Deletes a folder; its documents and sub-folders move up to its parent. */
export function deleteFolder(doc: Y.Doc, input: { id: string }, origin: ModelOrigin): void {
  const now = beginChange(doc, 'workspace', origin);
  const { id } = parseInput(z.strictObject({ id: IdSchema }), input, 'folder id');
  const folder = requireFolder(doc, id);
  const raw: unknown = folder.get('parentId');
  const parentId = typeof raw === 'string' && foldersOf(doc).has(raw) ? raw : null;
  doc.transact(() => {
    for (const child of foldersOf(doc).values()) {
      if (child.get('parentId') === id) child.set('parentId', parentId);
    }
    for (const entry of documentsOf(doc).values()) {
      if (entry.get('folderId') === id) {
        entry.set('folderId', parentId);
        touched(entry, now, origin);
      }
    }
    foldersOf(doc).delete(id);
  }, origin);
}

/** Input of setTagColor: a "#rrggbb" colour, or null to drop the tag's colour. */
export const SetTagColorInputSchema = z.strictObject({
  tag: TagSchema,
  color: WorkspaceIndexSnapshotSchema.shape.tagColors.valueType.nullable(),
});

/** Sets (or clears, with null) the colour a tag is shown in across the workspace. */
export function setTagColor(
  doc: Y.Doc,
  input: z.input<typeof SetTagColorInputSchema>,
  origin: ModelOrigin,
): void {
  beginChange(doc, 'workspace', origin);
  const { tag, color } = parseInput(SetTagColorInputSchema, input, 'tag colour');
  if (color === null && !tagColorsOf(doc).has(tag)) return;
  doc.transact(() => {
    if (color === null) tagColorsOf(doc).delete(tag);
    else tagColorsOf(doc).set(tag, color.toLowerCase());
  }, origin);
}
