import type * as Y from 'yjs';

// A note document: root `meta` {kind, schemaVersion, title}, `body` (Y.Text
// holding Markdown — what y-codemirror.next's yCollab binds to), `tags` set,
// `attachments` hash → {name, mimeType, size}.

/**
 * The note's Markdown body. Hand it to the editor binding, e.g.
 * `yCollab(noteBody(doc), awareness, { undoManager })`; the binding writes it directly.
 */
export const noteBody = (doc: Y.Doc): Y.Text => doc.getText('body');
/** The note's tag set. */
export const noteTagsOf = (doc: Y.Doc) => doc.getMap<unknown>('tags');
/** The note's attachments, keyed by content hash. */
export const noteAttachmentsOf = (doc: Y.Doc) => doc.getMap<unknown>('attachments');
