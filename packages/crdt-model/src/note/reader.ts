import type * as Y from 'yjs';
import type { NoteSnapshot } from '@fieldbook/shared';
import { metaOf, schemaVersionOf } from '../schemaVersion';
import { readAttachments, readTags } from '../sets';
import { noteAttachmentsOf, noteBody, noteTagsOf } from './structure';

const UUID7 = '[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const LINK = new RegExp(`\\[\\[(${UUID7})\\]\\]|fieldbook://doc/(${UUID7})`, 'g');

/**
 * Ids of the documents a Markdown text links to, as `[[<id>]]` or
 * `fieldbook://doc/<id>`, once each in order of first mention.
 */
export function noteLinks(text: string): string[] {
  const ids = new Set<string>();
  for (const m of text.matchAll(LINK)) ids.add((m[1] ?? m[2])!);
  return [...ids];
}

/**
 * The words of a Markdown text without its syntax (headings, emphasis, code
 * fences, link targets, list and quote markers), for full-text search.
 */
export function notePlainText(markdown: string): string {
  return markdown
    .replace(/^[ \t]{0,3}(```|~~~).*$/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[\[[^\]]*\]\]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, '')
    .replace(/^[ \t]{0,3}>[ \t]?/gm, '')
    .replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/gm, '')
    .replace(/(\*\*|__|\*|_|~~|`)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/<[^>\n]+>/g, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Backlinks across notes: for each linked document id, the ids of the notes
 * that link to it (sorted). Input: each note's id and its links.
 */
export function collectBacklinks(notes: Iterable<[string, readonly string[]]>) {
  const back = new Map<string, string[]>();
  for (const [source, links] of notes) {
    for (const target of links) {
      const list = back.get(target) ?? [];
      if (!list.includes(source)) list.push(source);
      back.set(target, list);
    }
  }
  for (const list of back.values()) list.sort();
  return back;
}

/** The note as a plain snapshot (NoteSnapshotSchema); `text` is the Markdown body. */
export function readNote(doc: Y.Doc): NoteSnapshot {
  const text = noteBody(doc).toString();
  const title = metaOf(doc).get('title');
  return {
    schemaVersion: Math.max(1, schemaVersionOf(doc)),
    title: typeof title === 'string' ? title : '',
    text,
    tags: readTags(noteTagsOf(doc)),
    attachments: readAttachments(noteAttachmentsOf(doc)),
    links: noteLinks(text),
  };
}
