// How a note's Markdown refers to one of its attachments: a link or image to
// `fieldbook://attachment/<sha256>`. Exports rewrite these to files beside
// the note; the editor shows them inline (images) or as chips.

const HASH = '[0-9a-f]{64}';
const REF = new RegExp(`fieldbook://attachment/(${HASH})`, 'g');

/** The URL a note's Markdown uses for the attachment with content hash `hash`. */
export function attachmentUrl(hash: string): string {
  return `fieldbook://attachment/${hash}`;
}

/** The Markdown that shows an attachment: an image for images, a link otherwise. */
export function attachmentMarkdown(a: { hash: string; name: string; mimeType: string }): string {
  const label = a.name.replace(/[[\]\\]/g, '\\$&');
  const link = `[${label}](${attachmentUrl(a.hash)})`;
  return a.mimeType.startsWith('image/') ? `!${link}` : link;
}

/** Hashes of the attachments a Markdown text refers to, once each in order of first mention. */
export function attachmentRefs(text: string): string[] {
  return [...new Set([...text.matchAll(REF)].map((m) => m[1]!))];
}

/** `text` with every attachment URL replaced by `replace(hash)` (e.g. a relative file path). */
export function rewriteAttachmentRefs(text: string, replace: (hash: string) => string): string {
  return text.replace(REF, (_, hash: string) => replace(hash));
}

/** MIME types a browser may show inline (with a strict CSP); everything else downloads. */
export const INLINE_MIME_TYPES: readonly string[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'application/pdf',
];
