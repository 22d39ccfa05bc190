import { posix } from 'node:path';
import {
  rewriteAttachmentRefs,
  type Attachment,
  type DocumentEntry,
  type NoteSnapshot,
} from '@fieldbook/shared';
import { stringify } from 'yaml';
import { iso } from '../streams';
import { relativeLink, safeName } from './paths';

const UUID7 = '[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const WIKI_LINK = new RegExp(`\\[\\[(${UUID7})\\]\\]`, 'g');
const DOC_URL = new RegExp(`fieldbook://doc/(${UUID7})`, 'g');

/** Where a note's attachments go: `attachments/` beside the note, one file name per hash. */
export function attachmentFiles(notePath: string, attachments: Attachment[]): Map<string, string> {
  const dir = posix.join(posix.dirname(notePath), 'attachments');
  const files = new Map<string, string>();
  const used = new Set<string>();
  for (const a of attachments) {
    const dot = a.name.lastIndexOf('.');
    const ext = dot > 0 ? safeName(a.name.slice(dot + 1), '').slice(0, 12) : '';
    const stem = safeName(dot > 0 ? a.name.slice(0, dot) : a.name, 'attachment');
    let name = ext ? `${stem}.${ext}` : stem;
    if (used.has(name.toLowerCase())) name = `${a.hash.slice(0, 8)}-${name}`;
    used.add(name.toLowerCase());
    files.set(a.hash, posix.join(dir, name));
  }
  return files;
}

/** What a note's Markdown links resolve against. */
export interface LinkContext {
  /** This note's path in the export. */
  path: string;
  /** Paths of the other exported notes, by id. */
  paths: Map<string, string>;
  /** Titles of every listed document, by id (links to documents not exported keep a fieldbook:// link). */
  titles: Map<string, string>;
  /** This note's attachment files, by hash. */
  attachments: Map<string, string>;
}

const escapeLabel = (s: string) => s.replace(/[[\]\\]/g, '\\$&');

/**
 * The note body with Fieldbook links made portable: `[[id]]` becomes a
 * Markdown link titled like the target to its relative `.md` path, a
 * `fieldbook://doc/id` URL becomes that path, and attachment URLs become the
 * relative paths of the attachment files. Targets that are not in the export
 * keep their `fieldbook://doc/` URL, which Fieldbook still opens.
 */
export function portableBody(text: string, ctx: LinkContext): string {
  const target = (id: string) => {
    const path = ctx.paths.get(id);
    return path ? relativeLink(ctx.path, path) : `fieldbook://doc/${id}`;
  };
  return rewriteAttachmentRefs(
    text
      .replace(
        WIKI_LINK,
        (_, id: string) => `[${escapeLabel(ctx.titles.get(id) || 'Untitled')}](${target(id)})`,
      )
      .replace(DOC_URL, (_, id: string) => target(id)),
    (hash) => {
      const file = ctx.attachments.get(hash);
      return file ? relativeLink(ctx.path, file) : `fieldbook://attachment/${hash}`;
    },
  );
}

/** A note as a Markdown file: YAML front matter (title, tags, author, dates, attachments) and the portable body. */
export function noteMarkdown(
  note: NoteSnapshot,
  entry: DocumentEntry,
  author: string,
  ctx: LinkContext,
): string {
  const front = {
    title: note.title || entry.title || 'Untitled',
    id: entry.id,
    tags: note.tags,
    author,
    author_id: entry.createdBy,
    created: iso(entry.createdAt),
    updated: iso(entry.updatedAt),
    ...(note.attachments.length
      ? {
          attachments: note.attachments.map((a) => ({
            name: a.name,
            file: ctx.attachments.has(a.hash)
              ? relativeLink(ctx.path, ctx.attachments.get(a.hash)!)
              : null,
            type: a.mimeType,
            size: a.size,
            sha256: a.hash,
          })),
        }
      : {}),
  };
  const body = portableBody(note.text, ctx);
  return `---\n${stringify(front, { lineWidth: 0 })}---\n\n${body}${body.endsWith('\n') ? '' : '\n'}`;
}
