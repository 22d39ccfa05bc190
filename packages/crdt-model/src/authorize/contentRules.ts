import type { DocKind } from '@fieldbook/shared';
import { shown, type Touch } from './touches';
import type { RuleContext } from './types';

/** The roots each kind of document holds; anything else is not part of it. */
export const KIND_ROOTS: Readonly<Record<DocKind, readonly string[]>> = {
  workspace: ['meta', 'documents', 'folders', 'tagColors', 'savedSearches'],
  note: ['meta', 'body', 'tags', 'attachments'],
  annotations: ['meta', 'annotations'],
  view: ['meta', 'panels'],
};

/** The `meta` fields of each kind besides `kind` and `schemaVersion`. */
const META_FIELDS: Readonly<Record<DocKind, string>> = {
  workspace: 'name',
  note: 'title',
  annotations: 'name',
  view: 'title',
};

/**
 * Changes to `meta`: setting the kind creates the document (document.create,
 * and then everything else in the update counts as part of the creation); a
 * kind never changes; the name or title is content, except a workspace's
 * name, which only an admin changes (workspace.update).
 */
export function metaChanges(t: Touch, c: RuleContext): void {
  const creating = c.kindBefore === null;
  for (const [key, change] of t.keys) {
    if (key === 'kind') {
      if (creating && change.action !== 'delete')
        c.add({ what: `creates this ${c.kind} document`, action: 'document.create' });
      else
        c.add({
          what: 'the document kind',
          action: null,
          problem: "a document's kind never changes",
        });
    } else if (key === 'schemaVersion') {
      c.add({
        what: 'the schema version',
        action: creating ? 'document.create' : 'document.editContent',
      });
    } else if (key === META_FIELDS[c.kind]) {
      const action = creating
        ? 'document.create'
        : c.kind === 'workspace'
          ? 'workspace.update'
          : 'document.editContent';
      c.add({ what: `the ${key} (to ${shown(c.doc.getMap('meta').get(key))})`, action });
    } else {
      c.add({
        what: `meta.${key}`,
        action: null,
        problem: `meta.${key} is not part of a ${c.kind}`,
      });
    }
  }
}

/** A change to a root the document's kind does not have. */
export function unknownPart(t: Touch, c: RuleContext): void {
  c.add({
    what: `"${t.path.join('.')}"`,
    action: null,
    problem: `"${t.path[0]}" is not part of a ${c.kind} document`,
  });
}

/** Notes and views: title, body, tags, attachments, panels are content (document.editContent). */
export function contentChanges(t: Touch, c: RuleContext): void {
  const [root] = t.path;
  if (root === 'meta') return metaChanges(t, c);
  if (!KIND_ROOTS[c.kind].includes(root!)) return unknownPart(t, c);
  const part = t.path.length > 1 ? `${root} ${t.path.slice(1).join('.')}` : root!;
  c.add({
    what: `the ${c.kind}'s ${part}`,
    action: c.kindBefore === null ? 'document.create' : 'document.editContent',
  });
}
