import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { addComment, resolveComment, type ModelOrigin } from '@fieldbook/crdt-model';
import { can, type Annotation, type Grant } from '@fieldbook/shared';
import { Button, TextArea } from '../ui';
import { threadComments, type CommentThread } from './annotationFilter';

interface CommentsProps {
  doc: Y.Doc;
  annotation: Annotation;
  origin: ModelOrigin;
  grant: Grant | null;
  nameOf(actor: string): string;
}

const when = (ts: number) =>
  new Date(ts).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * An annotation's comments as threads (replies indented under their parent),
 * with Reply and Resolve where `can()` allows, and the form for a new comment
 * or a reply (Ctrl/⌘+Enter sends).
 */
export function AnnotationComments({ doc, annotation: a, origin, grant, nameOf }: CommentsProps) {
  const [body, setBody] = useState('');
  const [replyTo, setReplyTo] = useState<CommentThread['comment'] | null>(null);
  const send = (e?: FormEvent) => {
    e?.preventDefault();
    if (!body.trim()) return;
    addComment(
      doc,
      { annotationId: a.id, parentId: replyTo?.id ?? null, body: body.trim() },
      origin,
    );
    setBody('');
    setReplyTo(null);
  };
  const thread = (t: CommentThread) => {
    const c = t.comment;
    return (
      <li key={c.id} className={c.resolved ? 'annotation-comment resolved' : 'annotation-comment'}>
        <div className="annotation-comment__head">
          <span className="annotation-comment__author">{nameOf(c.author)}</span>
          <time dateTime={new Date(c.ts).toISOString()}>{when(c.ts)}</time>
          {c.resolved && <span className="annotation-comment__resolved">resolved</span>}
        </div>
        <p className="annotation-comment__body">{c.body}</p>
        <div className="annotation-comment__actions">
          {can(grant, 'comment.create') && (
            <Button size="sm" variant="ghost" onClick={() => setReplyTo(c)}>
              Reply
            </Button>
          )}
          {can(grant, 'comment.resolve', { own: c.author === origin.actor }) && (
            <Button
              size="sm"
              variant="ghost"
              onClick={() =>
                resolveComment(
                  doc,
                  { annotationId: a.id, commentId: c.id, resolved: !c.resolved },
                  origin,
                )
              }
            >
              {c.resolved ? 'Reopen' : 'Resolve'}
            </Button>
          )}
        </div>
        {t.replies.length > 0 && <ul className="annotation-comments">{t.replies.map(thread)}</ul>}
      </li>
    );
  };
  const threads = threadComments(a.comments);
  return (
    <section className="annotation-detail__section">
      <h4 className="annotation-detail__heading">
        Comments{a.comments.length > 0 && ` (${a.comments.length})`}
      </h4>
      {threads.length > 0 && <ul className="annotation-comments">{threads.map(thread)}</ul>}
      {can(grant, 'comment.create') && (
        <form onSubmit={send} className="annotation-comment-form">
          {replyTo && (
            <div className="annotation-comment-form__reply">
              <span>Replying to {nameOf(replyTo.author)}</span>
              <Button size="sm" variant="ghost" onClick={() => setReplyTo(null)}>
                Cancel reply
              </Button>
            </div>
          )}
          <TextArea
            aria-label="Comment"
            placeholder={replyTo ? 'Write a reply' : 'Add a comment'}
            rows={2}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send();
            }}
          />
          <Button type="submit" size="sm" variant="primary" disabled={!body.trim()}>
            Comment
          </Button>
        </form>
      )}
    </section>
  );
}
