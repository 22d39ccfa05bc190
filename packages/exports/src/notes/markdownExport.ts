import type { Writable } from 'node:stream';
import { readNote } from '@fieldbook/crdt-model';
import { FieldbookError, type DocumentEntry } from '@fieldbook/shared';
import { nameCache } from '../annotations/annotationStream';
import type { ExportSource } from '../source';
import { throwIfAborted } from '../streams';
import { createZip, type ZipWriter } from '../zip';
import { attachmentFiles, noteMarkdown } from './markdown';
import { inFolder, notePaths, safeName } from './paths';

/** A single note as Markdown, and its attachment files (relative paths → hashes) for a bundle. */
export interface NoteMarkdown {
  fileName: string;
  markdown: string;
  attachments: Map<string, string>;
}

async function noteEntry(source: ExportSource, noteId: string) {
  const index = await source.index();
  const entry = index.documents.find(
    (d) => d.id === noteId && d.kind === 'note' && d.trashedAt === null,
  );
  if (!entry) throw new FieldbookError('RESOURCE_NOT_FOUND', 'Note not found');
  return { index, entry };
}

/**
 * One note as Markdown with front matter. Links to other notes point to
 * their Fieldbook URL (they are not in this file); attachments to
 * `attachments/<name>` beside it.
 */
export async function exportNoteMarkdown(
  source: ExportSource,
  noteId: string,
): Promise<NoteMarkdown> {
  const { index, entry } = await noteEntry(source, noteId);
  const doc = await source.loadDocument(noteId);
  if (!doc) throw new FieldbookError('RESOURCE_NOT_FOUND', 'Note not found');
  try {
    const note = readNote(doc);
    const path = `${safeName(note.title || entry.title)}.md`;
    const files = attachmentFiles(path, note.attachments);
    const markdown = noteMarkdown(note, entry, await source.personName(entry.createdBy), {
      path,
      paths: new Map(),
      titles: new Map(index.documents.map((d) => [d.id, d.title])),
      attachments: files,
    });
    return { fileName: path, markdown, attachments: new Map([...files].map(([h, f]) => [f, h])) };
  } finally {
    doc.destroy();
  }
}

/** Adds a note's attachments that the source holds; returns how many it lacked. */
async function addAttachments(
  zip: ZipWriter,
  source: ExportSource,
  files: Map<string, string>,
  prefix = '',
) {
  let missing = 0;
  for (const [hash, file] of files) {
    const stream = await source.openAttachment?.(hash);
    if (stream) await zip.add(prefix + file, stream);
    else missing += 1;
  }
  return missing;
}

/** One note and its attachments as a ZIP. */
export async function writeNoteBundle(
  source: ExportSource,
  noteId: string,
  out: Writable,
): Promise<void> {
  const note = await exportNoteMarkdown(source, noteId);
  const zip = createZip(out);
  try {
    await zip.add(note.fileName, note.markdown);
    await addAttachments(zip, source, new Map([...note.attachments].map(([f, h]) => [h, f])));
    await zip.finish();
  } catch (err) {
    zip.abort(err as Error);
    throw err;
  }
}

/**
 * The workspace's notes (or those of `folderId` and its subfolders) as a ZIP
 * of Markdown files mirroring the folders, each note's attachments in an
 * `attachments/` folder beside it, `[[links]]` between exported notes
 * rewritten to relative file links. One note is loaded at a time.
 */
export async function writeNotesZip(
  source: ExportSource,
  out: Writable,
  options: { folderId?: string | null; signal?: AbortSignal; rootDir?: string } = {},
): Promise<{ notes: number; missingAttachments: number }> {
  const index = await source.index();
  const root = options.folderId ?? null;
  if (root && !index.folders.some((f) => f.id === root))
    throw new FieldbookError('RESOURCE_NOT_FOUND', 'Folder not found');
  const notes: DocumentEntry[] = index.documents.filter(
    (d) => d.kind === 'note' && d.trashedAt === null && inFolder(index.folders, d.folderId, root),
  );
  const paths = notePaths(notes, index.folders, root);
  const titles = new Map(index.documents.map((d) => [d.id, d.title]));
  const nameOf = nameCache(source);
  const prefix = options.rootDir ? `${options.rootDir}/` : '';
  const zip = createZip(out);
  let missing = 0;
  try {
    for (const entry of notes) {
      throwIfAborted(options.signal);
      const doc = await source.loadDocument(entry.id);
      if (!doc) continue;
      try {
        const note = readNote(doc);
        const path = paths.get(entry.id)!;
        const files = attachmentFiles(path, note.attachments);
        const md = noteMarkdown(note, entry, await nameOf(entry.createdBy), {
          path,
          paths,
          titles,
          attachments: files,
        });
        await zip.add(prefix + path, md, entry.updatedAt || undefined);
        missing += await addAttachments(zip, source, files, prefix);
      } finally {
        doc.destroy();
      }
    }
    await zip.finish();
    return { notes: notes.length, missingAttachments: missing };
  } catch (err) {
    zip.abort(err as Error);
    throw err;
  }
}
