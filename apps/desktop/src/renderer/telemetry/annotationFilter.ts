import type { Annotation, AnnotationStatus, Comment } from '@fieldbook/shared';

/** The side panel's filters; empty fields match everything. */
export interface AnnotationFilter {
  tag: string;
  author: string;
  status: AnnotationStatus | '';
  /** Epoch ms; the annotation's time span must meet [from, to]. */
  from: number | null;
  to: number | null;
}

export const NO_FILTER: AnnotationFilter = {
  tag: '',
  author: '',
  status: '',
  from: null,
  to: null,
};

function span(a: Annotation): [number, number] {
  const ts = [a.anchor.t, a.anchor.t2 ?? a.anchor.t, ...(a.anchor.points ?? []).map((p) => p.t)];
  return [Math.min(...ts), Math.max(...ts)];
}

/** The annotations the filter lets through, in time order. */
export function filterAnnotations(list: Annotation[], f: AnnotationFilter): Annotation[] {
  return list
    .filter((a) => !f.tag || a.tags.includes(f.tag))
    .filter((a) => !f.author || a.author === f.author)
    .filter((a) => !f.status || a.status === f.status)
    .filter((a) => {
      const [lo, hi] = span(a);
      return (f.from === null || hi >= f.from) && (f.to === null || lo <= f.to);
    })
    .sort((a, b) => a.anchor.t - b.anchor.t || a.id.localeCompare(b.id));
}

/** A comment with its replies, for threaded display. */
export interface CommentThread {
  comment: Comment;
  replies: CommentThread[];
}

/** Comments arranged as threads (replies under their parent, in time order); orphans become roots. */
export function threadComments(comments: Comment[]): CommentThread[] {
  const nodes = new Map(
    comments.map((c) => [c.id, { comment: c, replies: [] as CommentThread[] }]),
  );
  const roots: CommentThread[] = [];
  for (const c of comments) {
    const parent = c.parentId ? nodes.get(c.parentId) : undefined;
    (parent ? parent.replies : roots).push(nodes.get(c.id)!);
  }
  return roots;
}
