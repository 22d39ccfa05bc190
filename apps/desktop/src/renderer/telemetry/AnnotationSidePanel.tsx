import { useEffect, useState, type ReactNode } from 'react';
import { BadgeCheck, MessageSquare, MousePointerClick } from 'lucide-react';
import type * as Y from 'yjs';
import { readAnnotationCollection, type ModelOrigin } from '@fieldbook/crdt-model';
import type { Annotation, Grant } from '@fieldbook/shared';
import { displayTag } from '../tags/tagNames';
import { Button, EmptyState, VisuallyHidden } from '../ui';
import { AnnotationDetail } from './AnnotationDetail';
import type { SigningServer } from './approvalSigning';
import { ActiveFilterChips, AnnotationFilterButton } from './AnnotationFilters';
import { NO_FILTER, filterAnnotations, type AnnotationFilter } from './annotationFilter';
import { kindIcon } from './chartTools';
import './annotationPanel.css';

interface SidePanelProps {
  doc: Y.Doc;
  origin: ModelOrigin;
  grant: Grant | null;
  selectedId: string | null;
  onSelect(id: string | null): void;
  /** Asks to delete an annotation (see useDeleteAnnotation); without it nothing is deleted here. */
  onDelete?(id: string): void;
  tagColors: Record<string, string>;
  /** Display names by actor id; unknown actors show as they are. */
  authorNames?: Record<string, string>;
  onTagColor?(tag: string, color: string): void;
  /** Shown under the list once there are annotations (related annotations). */
  footer?: ReactNode;
  /** Where approvals are signed when the workspace asks for the password (none: a local profile). */
  signing?: SigningServer | null;
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

/**
 * The annotations of a collection beside the chart: a filter popover (tag,
 * author, status, time) with the filters in force as chips, the list, and the
 * selected annotation's detail (title, tags, comments, approval, deletion).
 */
export function AnnotationSidePanel(props: SidePanelProps) {
  const all = useAnnotations(props.doc);
  const [filter, setFilter] = useState<AnnotationFilter>(NO_FILTER);
  const shown = filterAnnotations(all, filter);
  const selected = all.find((a) => a.id === props.selectedId) ?? null;
  const nameOf = (actor: string) => props.authorNames?.[actor] ?? actor;
  const tags = [...new Set(all.flatMap((a) => a.tags))].sort();
  const authors = [...new Set(all.map((a) => a.author))].sort();
  return (
    <aside className="annotation-panel" aria-labelledby="annotation-panel-title">
      <header className="annotation-panel__header">
        <h3 id="annotation-panel-title" className="annotation-panel__title">
          Annotations
        </h3>
        <span className="annotation-panel__total">
          {shown.length === all.length ? all.length : `${shown.length} of ${all.length}`}
        </span>
        <AnnotationFilterButton
          filter={filter}
          onChange={setFilter}
          tags={tags}
          authors={authors}
          nameOf={nameOf}
        />
      </header>
      <ActiveFilterChips filter={filter} onChange={setFilter} nameOf={nameOf} />
      {all.length === 0 ? (
        <div className="annotation-panel__empty">
          <EmptyState
            headingLevel={3}
            icon={<MousePointerClick size={18} />}
            title="No annotations yet"
          >
            Pick a drawing tool above the chart, then draw on it.
          </EmptyState>
        </div>
      ) : shown.length === 0 ? (
        <div className="annotation-panel__empty">
          <EmptyState
            headingLevel={3}
            title="No annotation matches these filters"
            actions={
              <Button size="sm" onClick={() => setFilter(NO_FILTER)}>
                Clear filters
              </Button>
            }
          />
        </div>
      ) : (
        <ul className="annotation-list">
          {shown.map((a) => (
            <li key={a.id}>
              <AnnotationItem
                a={a}
                selected={a.id === props.selectedId}
                tagColors={props.tagColors}
                onSelect={() => props.onSelect(a.id)}
              />
            </li>
          ))}
        </ul>
      )}
      {selected && (
        <AnnotationDetail
          key={selected.id}
          annotation={selected}
          all={all}
          doc={props.doc}
          origin={props.origin}
          grant={props.grant}
          tagColors={props.tagColors}
          nameOf={nameOf}
          onTagColor={props.onTagColor}
          onDelete={props.onDelete}
          signing={props.signing}
        />
      )}
      {all.length > 0 && props.footer}
    </aside>
  );
}

/** One row of the list: kind, title, approved mark, comment count, tags. */
function AnnotationItem(props: {
  a: Annotation;
  selected: boolean;
  tagColors: Record<string, string>;
  onSelect(): void;
}) {
  const { a } = props;
  return (
    <button
      type="button"
      className={props.selected ? 'annotation-item selected' : 'annotation-item'}
      aria-pressed={props.selected}
      onClick={props.onSelect}
    >
      <span className="annotation-item__line">
        {kindIcon(a.kind)}
        <VisuallyHidden>{a.kind}: </VisuallyHidden>
        <span className="annotation-item__title">{a.title || 'Untitled'}</span>
        {a.status === 'approved' && (
          <span className="annotation-item__approved">
            <BadgeCheck size={14} aria-hidden="true" />
            <VisuallyHidden>approved</VisuallyHidden>
          </span>
        )}
        {a.comments.length > 0 && (
          <span className="annotation-item__comments">
            <MessageSquare size={12} aria-hidden="true" />
            {a.comments.length}
            <VisuallyHidden>{a.comments.length === 1 ? ' comment' : ' comments'}</VisuallyHidden>
          </span>
        )}
      </span>
      {a.tags.length > 0 && (
        <span className="annotation-item__tags">
          {a.tags.map((t) => (
            <span key={t} className="tag">
              <span
                className="tag__dot"
                style={{ background: props.tagColors[t] ?? 'var(--color-border-strong)' }}
                aria-hidden="true"
              />
              {displayTag(t)}
            </span>
          ))}
        </span>
      )}
    </button>
  );
}
