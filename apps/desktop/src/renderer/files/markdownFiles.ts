import { FieldbookError } from '@fieldbook/shared';
import { noteFromMarkdown, type ImportedNote } from './markdownNotes';

/** Largest Markdown file imported as a note. */
export const MAX_MARKDOWN_BYTES = 5_000_000;

/** A file to read: a browser File, or anything with its name, size and bytes. */
export interface MarkdownSource {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

function refuse(name: string, why: string, code: 'VALIDATION_ERROR' | 'PAYLOAD_TOO_LARGE') {
  return new FieldbookError(code, `${name} ${why}. Nothing was imported.`, { file: name });
}

/** One file's text, refused (naming the file and why) unless it is readable UTF-8 text. */
async function textOf(file: MarkdownSource): Promise<string> {
  if (file.size > MAX_MARKDOWN_BYTES) {
    throw refuse(
      file.name,
      `is larger than ${MAX_MARKDOWN_BYTES / 1e6} MB, the most a note takes`,
      'PAYLOAD_TOO_LARGE',
    );
  }
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch {
    throw refuse(
      file.name,
      'could not be read (moved or deleted since it was picked?)',
      'VALIDATION_ERROR',
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refuse(file.name, 'is not UTF-8 text', 'VALIDATION_ERROR');
  }
  if (text.includes('\u0000')) {
    throw refuse(file.name, 'is a binary file, not Markdown', 'VALIDATION_ERROR');
  }
  return text;
}

/**
 * Reads every picked file as a note before any is created: the first file
 * that is not Markdown text refuses the whole batch with a sentence naming
 * it, and `signal` cancels between files.
 */
export async function readMarkdownFiles(
  files: readonly MarkdownSource[],
  signal?: AbortSignal,
): Promise<ImportedNote[]> {
  const notes: ImportedNote[] = [];
  for (const file of files) {
    signal?.throwIfAborted();
    notes.push(noteFromMarkdown(file.name, await textOf(file)));
  }
  signal?.throwIfAborted();
  return notes;
}
