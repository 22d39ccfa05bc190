import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type * as Y from 'yjs';
import {
  addComment,
  approveAnnotation,
  deleteAnnotation,
  editAnnotation,
  readAnnotationCollection,
  reopenAnnotation,
  resolveComment,
  type ModelOrigin,
} from '@fieldbook/crdt-model';
import { can, type Annotation, type Grant } from '@fieldbook/shared';
import { displayTag, groupTags, resolveTag, tagKey } from '../tags/tagNames';
import { toast } from '../ui';
import { ApprovalLine } from './ApprovalLine';
import {
  NO_FILTER,
  filterAnnotations,
  threadComments,
  type AnnotationFilter,
  type CommentThread,
} from './annotationFilter';

interface SidePanelProps {
  doc: Y.Doc;
  origin: ModelOrigin;
  grant: Grant | null;
  selectedId: string | null;
  onSelect(id: string | null): void;
  tagColors: Record<string, string>;
  /** Display names by actor id; unknown actors show as they are. */
  authorNames?: Record<string, string>;
  onTagColor?(tag: string, color: string): void;
  /** Shown under the selected annotation (related annotations). */
  footer?: ReactNode;
}

/** Re-reads the collection on every change of the document. */
function useAnnotations(doc: Y.Doc): Annotation[] {
  const [list, setList] = useState<Annotation[]>(() => readAnnotationCollection(doc).annotations);
  useEffect(() => {
    const update = () => setList(readAnnotationCollection(doc).annotations);
    update();
    doc.on('update', update);
    return () => doc.off('update', update);
  }, [doc]);
  return list;
}

const toMs = (v: string) => (v ? new Date(v).getTime() : null);

/**
 * The annotations of a collection beside the chart: filters by tag, author,
 * status and time; the selected one's title, tags, threaded comments,
 * approval and deletion, each offered only when `can()` allows it.
 */
export function AnnotationSidePanel(props: SidePanelProps) {
  const all = useAnnotations(props.doc);
  const [filter, setFilter] = useState<AnnotationFilter>(NO_FILTER);
  const shown = filterAnnotations(all, filter);
  const selected = all.find((a) => a.id === props.selectedId) ?? null;
  const tags = [...new Set(all.flatMap((a) => a.tags))].sort();
  const authors = [...new Set(all.map((a) => a.author))].sort();
  const set = (patch: Partial<AnnotationFilter>) => setFilter({ ...filter, ...patch });
  return (
    <aside className="annotation-panel" aria-label="Annotations">
      <div className="annotation-filters">
        <select aria-label="Tag" value={filter.tag} onChange={(e) => set({ tag: e.target.value })}>
          <option value="">All tags</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              {displayTag(t)}
            </option>
          ))}
        </select>
        <select
          aria-label="Author"
          value={filter.author}
          onChange={(e) => set({ author: e.target.value })}
        >
          <option value="">All authors</option>
          {authors.map((a) => (
            <option key={a} value={a}>
              {props.authorNames?.[a] ?? a}
            </option>
          ))}
        </select>
        <select
          aria-label="Status"
          value={filter.status}
          onChange={(e) => set({ status: e.target.value as AnnotationFilter['status'] })}
        >
          <option value="">Any status</option>
          <option value="draft">Draft</option>
          <option value="approved">Approved</option>
        </select>
        <input
          aria-label="From"
          type="datetime-local"
          onChange={(e) => set({ from: toMs(e.target.value) })}
        />
        <input
          aria-label="To"
          type="datetime-local"
          onChange={(e) => set({ to: toMs(e.target.value) })}
        />
      </div>
      <ul className="annotation-list">
        {shown.map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className={a.id === props.selectedId ? 'annotation-item selected' : 'annotation-item'}
              onClick={() => props.onSelect(a.id)}
            >
              <span className="annotation-kind">{a.kind}</span> {a.title || 'Untitled'}
              {a.status === 'approved' && <span className="annotation-approved"> ✓</span>}
              {a.tags.map((t) => (
                <span key={t} className="tag" style={{ background: props.tagColors[t] ?? '#ddd' }}>
                  {displayTag(t)}
                </span>
              ))}
              {a.comments.length > 0 && (
                <span className="muted"> · {a.comments.length} comment(s)</span>
              )}
            </button>
          </li>
        ))}
      </ul>
      {selected && <AnnotationDetail key={selected.id} a={selected} all={all} {...props} />}
      {props.footer}
    </aside>
  );
}

/**
 * Adds a typed tag to an annotation the way notes do: one '#' however many
 * were typed, the collection's existing spelling when the tag is there in
 * another case (saying so), nothing when the annotation has it already.
 */
function tagAnnotation(
  doc: Y.Doc,
  a: Annotation,
  typed: string,
  all: Annotation[],
  origin: ModelOrigin,
): void {
  const resolved = resolveTag(typed, groupTags(all));
  if (!resolved) return;
  if (a.tags.some((t) => tagKey(t) === tagKey(resolved.tag))) {
    toast({ title: `Already tagged ${displayTag(resolved.tag)}` });
    return;
  }
  editAnnotation(doc, { id: a.id, addTags: [resolved.tag] }, origin);
  if (resolved.mergedInto)
    toast({
      title: `Tagged ${displayTag(resolved.mergedInto)}`,
      description: `These annotations already use ${displayTag(resolved.mergedInto)}; tags match regardless of case, so “${typed.trim()}” joins it.`,
    });
}

function AnnotationDetail(props: SidePanelProps & { a: Annotation; all: Annotation[] }) {
  const { a, doc, origin, grant } = props;
  const nameOf = (actor: string) => props.authorNames?.[actor] ?? actor;
  const own = a.author === origin.actor;
  // Approved annotations are locked until a reviewer reopens them.
  const mayEdit = a.status === 'draft' && can(grant, 'annotation.edit', { own });
  const [title, setTitle] = useState(a.title);
  const [tag, setTag] = useState('');
  const [comment, setComment] = useState('');
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const saveTitle = () => title !== a.title && editAnnotation(doc, { id: a.id, title }, origin);
  const addTag = (e: FormEvent) => {
    e.preventDefault();
    tagAnnotation(doc, a, tag, props.all, origin);
    setTag('');
  };
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!comment.trim()) return;
    addComment(doc, { annotationId: a.id, parentId: replyTo, body: comment.trim() }, origin);
    setComment('');
    setReplyTo(null);
  };
  const thread = (t: CommentThread) => (
    <li key={t.comment.id} className={t.comment.resolved ? 'comment resolved' : 'comment'}>
      <div className="comment-head">
        <b>{nameOf(t.comment.author)}</b>{' '}
        <span className="muted">{new Date(t.comment.ts).toLocaleString()}</span>
      </div>
      <div className="comment-body">{t.comment.body}</div>
      {can(grant, 'comment.create') && (
        <button type="button" className="link-button" onClick={() => setReplyTo(t.comment.id)}>
          Reply
        </button>
      )}
      {can(grant, 'comment.resolve', { own: t.comment.author === origin.actor }) && (
        <button
          type="button"
          className="link-button"
          onClick={() =>
            resolveComment(
              doc,
              { annotationId: a.id, commentId: t.comment.id, resolved: !t.comment.resolved },
              origin,
            )
          }
        >
          {t.comment.resolved ? 'Reopen' : 'Resolve'}
        </button>
      )}
      {t.replies.length > 0 && <ul>{t.replies.map(thread)}</ul>}
    </li>
  );
  return (
    <section className="annotation-detail" aria-label="Selected annotation">
      <input
        aria-label="Title"
        value={title}
        disabled={!mayEdit}
        onChange={(e) => setTitle(e.target.value)}
        onBlur={saveTitle}
        onKeyDown={(e) => {
          // Enter commits the title, Escape takes back what was typed.
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') setTitle(a.title);
        }}
      />
      <div className="muted">
        {a.kind} by {nameOf(a.author)} · {a.status}
      </div>
      <ApprovalLine doc={doc} annotation={a} nameOf={nameOf} />
      <div className="annotation-actions">
        {can(grant, 'annotation.approve') &&
          (a.status === 'draft' ? (
            <button type="button" onClick={() => approveAnnotation(doc, { id: a.id }, origin)}>
              Approve
            </button>
          ) : (
            <button type="button" onClick={() => reopenAnnotation(doc, { id: a.id }, origin)}>
              Reopen
            </button>
          ))}
        {can(grant, 'annotation.delete') && (
          <button
            type="button"
            onClick={() => {
              deleteAnnotation(doc, { id: a.id }, origin);
              props.onSelect(null);
            }}
          >
            Delete
          </button>
        )}
      </div>
      <div className="annotation-tags">
        {a.tags.map((t) => (
          <label key={t} className="tag" style={{ background: props.tagColors[t] ?? '#ddd' }}>
            {displayTag(t)}
            {props.onTagColor && can(grant, 'document.create') && (
              <input
                type="color"
                aria-label={`Colour of ${t}`}
                value={props.tagColors[t] ?? '#dddddd'}
                onChange={(e) => props.onTagColor!(t, e.target.value)}
              />
            )}
            {mayEdit && (
              <button
                type="button"
                aria-label={`Remove tag ${t}`}
                onClick={() => editAnnotation(doc, { id: a.id, removeTags: [t] }, origin)}
              >
                ×
              </button>
            )}
          </label>
        ))}
      </div>
      {mayEdit && (
        <form onSubmit={addTag} className="inline-form">
          <input aria-label="New tag" value={tag} onChange={(e) => setTag(e.target.value)} />
          <button type="submit">Tag</button>
        </form>
      )}
      <ul className="comments">{threadComments(a.comments).map(thread)}</ul>
      {can(grant, 'comment.create') && (
        <form onSubmit={send} className="comment-form">
          {replyTo && <div className="muted">Replying to a comment</div>}
          <textarea
            aria-label="Comment"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <button type="submit">Comment</button>
        </form>
      )}
    </section>
  );
}
