import * as Y from 'yjs';
import { APPROVAL_MEANING, annotationContentHash } from '../annotations/approval';
import { metaChanges, unknownPart } from './contentRules';
import { timeProblem } from './timeRule';
import { rawGet, shown, type KeyChange, type Touch } from './touches';
import type { RuleContext } from './types';

/** Fields written once, when the annotation or comment is made. */
const FIXED = new Set(['id', 'author', 'createdAt', 'comments']);
const FIXED_COMMENT = new Set(['id', 'author', 'ts', 'parentId']);

/** The keys of `type` the transaction changed (cached per type for one check). */
function keysOf(c: RuleContext, type: unknown): Map<string, KeyChange> {
  if (!(type instanceof Y.AbstractType)) return new Map();
  const subs = c.tr.changed.get(type);
  if (!subs || subs.size === 0 || (subs.size === 1 && subs.has(null))) return new Map();
  return new Y.YMapEvent(type as Y.Map<unknown>, c.tr, subs).keys;
}

/** The status an annotation had before the update. */
function statusBefore(c: RuleContext, annotation: Y.Map<unknown>): unknown {
  const change = keysOf(c, annotation).get('status');
  return change ? change.oldValue : annotation.get('status');
}

function commentCreated(c: RuleContext, where: string, comment: unknown): void {
  const what = `adds comment ${where}`;
  if (!(comment instanceof Y.Map))
    return c.add({ what, action: null, problem: 'a comment must be a map' });
  const author = comment.get('author');
  if (author !== c.actor.id)
    return c.add({
      what,
      action: null,
      problem: `author must be the sender, not ${shown(author)}`,
    });
  const late = timeProblem(comment.get('ts'), c.now, 'ts');
  if (late) return c.add({ what, action: null, problem: late });
  c.add({ what, action: 'comment.create' });
}

function annotationCreated(c: RuleContext, id: string, annotation: unknown): void {
  const what = `draws annotation ${id}`;
  if (!(annotation instanceof Y.Map))
    return c.add({ what, action: null, problem: 'an annotation must be a map' });
  const author = annotation.get('author');
  const problem =
    author !== c.actor.id
      ? `author must be the sender, not ${shown(author)}`
      : (timeProblem(annotation.get('createdAt'), c.now, 'createdAt') ??
        (annotation.get('status') !== 'draft' ? 'a new annotation starts as a draft' : null) ??
        (annotation.has('approval') || annotation.has('reopened')
          ? 'a new annotation carries no approval record'
          : null));
  if (problem) return c.add({ what, action: null, problem });
  c.add({ what, action: c.kindBefore === null ? 'document.create' : 'annotation.create' });
  const comments = annotation.get('comments');
  if (comments instanceof Y.Map)
    for (const [cid, comment] of comments.entries()) commentCreated(c, `${cid} on ${id}`, comment);
}

/** An approval: reviewer, signature record by the sender, now, the meaning, the content's hash, a token when asked. */
function approvalProblem(c: RuleContext, annotation: Y.Map<unknown>): string | null {
  const record = annotation.get('approval') as Record<string, unknown> | undefined;
  if (!record || typeof record !== 'object') return 'an approval needs its signature record';
  if (!keysOf(c, annotation).has('approval')) return 'an approval needs a new signature record';
  if (record.by !== c.actor.id) return 'the approval must be signed by the sender';
  if (record.meaning !== APPROVAL_MEANING)
    return `the approval's meaning must be "${APPROVAL_MEANING}"`;
  const late = timeProblem(record.at, c.now, 'the approval time');
  if (late) return late;
  if (record.contentHash !== annotationContentHash(annotation))
    return "the approval's content hash does not match the annotation";
  if (c.options.signingToken && !c.options.signingToken(record.signingToken, c.actor))
    return 'this workspace asks for your password to approve: the signing token is missing or expired';
  return null;
}

function reopenProblem(c: RuleContext, annotation: Y.Map<unknown>): string | null {
  const record = annotation.get('reopened') as Record<string, unknown> | undefined;
  if (!keysOf(c, annotation).has('reopened') || !record || record.by !== c.actor.id)
    return 'a reopen must be recorded (reopened by the sender)';
  return timeProblem(record.at, c.now, 'the reopen time');
}

/** Fields of one annotation: content (annotation.edit, own by author; locked while approved), status, records. */
function annotationFieldsChanged(
  c: RuleContext,
  id: string,
  annotation: Y.Map<unknown>,
  t: Touch,
): void {
  const own = annotation.get('author') === c.actor.id;
  const status = annotation.get('status');
  const locked = statusBefore(c, annotation) === 'approved' && status === 'approved';
  const fields = t.path.length > 2 ? [[t.path[2]!, null] as const] : [...t.keys];
  for (const [field, change] of fields) {
    const what = `the ${field} of annotation ${id}`;
    if (FIXED.has(field)) {
      c.add({ what, action: null, problem: `${field} is fixed when an annotation is made` });
    } else if (field === 'status') {
      const from = change?.oldValue;
      if (status === 'approved' && from !== 'approved') {
        const problem = approvalProblem(c, annotation);
        c.add({
          what: `approves annotation ${id}`,
          action: 'annotation.approve',
          ...(problem ? { problem } : {}),
        });
      } else if (status === 'draft' && from === 'approved') {
        const problem = reopenProblem(c, annotation);
        c.add({
          what: `reopens annotation ${id}`,
          action: 'annotation.approve',
          ...(problem ? { problem } : {}),
        });
      } else {
        c.add({
          what,
          action: null,
          problem: `status ${shown(from)} → ${shown(status)} is not a step`,
        });
      }
    } else if (field === 'approval' || field === 'reopened') {
      if (!keysOf(c, annotation).has('status'))
        c.add({ what, action: null, problem: `the ${field} record changes only with the status` });
    } else if (locked && field !== 'updatedAt') {
      c.add({
        what,
        action: null,
        problem: `annotation ${id} is approved and locked: a reviewer must reopen it first`,
      });
    } else {
      c.add({ what, action: 'annotation.edit', own });
    }
  }
}

/** Comments: made (comment.create, by the sender), edited, resolved, deleted — own by author. */
function commentsChanged(c: RuleContext, id: string, annotation: Y.Map<unknown>, t: Touch): void {
  const [, , , commentId, field] = t.path;
  const comments = annotation.get('comments');
  if (!(comments instanceof Y.Map)) return;
  if (commentId === undefined) {
    for (const [cid, change] of t.keys) {
      if (change.action !== 'add') {
        const own = rawGet(change.oldValue, 'author') === c.actor.id;
        c.add({ what: `deletes comment ${cid} on ${id}`, action: 'comment.delete', own });
      }
      if (change.action !== 'delete') commentCreated(c, `${cid} on ${id}`, comments.get(cid));
    }
    return;
  }
  const own = rawGet(comments.get(commentId), 'author') === c.actor.id;
  const fields = field !== undefined ? [field] : [...t.keys.keys()];
  for (const key of fields) {
    const what = `the ${key} of comment ${commentId} on ${id}`;
    if (FIXED_COMMENT.has(key))
      c.add({ what, action: null, problem: `${key} is fixed when a comment is made` });
    else if (key === 'resolved') c.add({ what, action: 'comment.resolve', own });
    else c.add({ what, action: 'comment.edit', own });
  }
}

/** Annotation collection: meta, annotations drawn/deleted, their fields, status and comments. */
export function annotationChanges(t: Touch, c: RuleContext): void {
  const [root, id, field] = t.path;
  if (root === 'meta') return metaChanges(t, c);
  if (root !== 'annotations') return unknownPart(t, c);
  const annotations = c.doc.getMap('annotations');
  if (id === undefined) {
    for (const [aid, change] of t.keys) {
      if (change.action !== 'add')
        c.add({ what: `deletes annotation ${aid}`, action: 'annotation.delete' });
      if (change.action !== 'delete') annotationCreated(c, aid, annotations.get(aid));
    }
    return;
  }
  const annotation = annotations.get(id);
  if (!(annotation instanceof Y.Map)) return;
  if (field === 'comments') return commentsChanged(c, id, annotation, t);
  annotationFieldsChanged(c, id, annotation, t);
}
