import { useState, type DragEvent, type FormEvent } from 'react';
import { RotateCcw, Tag, Trash2 } from 'lucide-react';
import type * as Y from 'yjs';
import { editAnnotation, reopenAnnotation, type ModelOrigin } from '@fieldbook/crdt-model';
import { can, isFieldbookError, type Annotation, type Grant } from '@fieldbook/shared';
import { attachToAnnotation } from '../files/attachments';
import { displayTag, groupTags, resolveTag, tagKey } from '../tags/tagNames';
import { Badge, Button, Chip, IconButton, Input, toast } from '../ui';
import { AnnotationComments } from './AnnotationComments';
import { AnnotationFiles } from './AnnotationFiles';
import { ApprovalLine } from './ApprovalLine';
import { ApproveButton } from './ApproveButton';
import type { SigningServer } from './approvalSigning';
import { kindIcon } from './chartTools';

/** What the detail of the selected annotation needs from the side panel. */
export interface AnnotationDetailProps {
  doc: Y.Doc;
  annotation: Annotation;
  /** Every annotation of the collection (a new tag takes an existing spelling). */
  all: Annotation[];
  origin: ModelOrigin;
  grant: Grant | null;
  tagColors: Record<string, string>;
  nameOf(actor: string): string;
  onTagColor?(tag: string, color: string): void;
  /** Asks to delete the annotation (the caller confirms first); without it there is no delete button. */
  onDelete?(id: string): void;
  /** Where approvals are signed when the workspace asks for the password. */
  signing?: SigningServer | null;
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

/**
 * The selected annotation under the side panel's list: its title (Enter
 * saves, Escape takes back), who drew it and its status, the approval
 * record, approve/reopen and delete, its tags (colour, remove, add), its
 * files (drop them onto it) and its comments — each offered only when
 * `can()` allows it.
 */
export function AnnotationDetail(props: AnnotationDetailProps) {
  const { annotation: a, doc, origin, grant, nameOf } = props;
  const own = a.author === origin.actor;
  // Approved annotations are locked until a reviewer reopens them.
  const mayEdit = a.status === 'draft' && can(grant, 'annotation.edit', { own });
  const mayColor = props.onTagColor !== undefined && can(grant, 'document.create');
  const [title, setTitle] = useState(a.title);
  const [tag, setTag] = useState('');
  const saveTitle = () => title !== a.title && editAnnotation(doc, { id: a.id, title }, origin);
  const attach =
    mayEdit && can(grant, 'attachment.upload')
      ? (files: File[]) => {
          if (files.length === 0) return;
          attachToAnnotation(doc, a.id, files).catch((err: unknown) =>
            toast({
              title: 'The file could not be attached',
              description: isFieldbookError(err) ? err.message : undefined,
              tone: 'danger',
            }),
          );
        }
      : null;
  const [dropping, setDropping] = useState(false);
  const onDrop = (e: DragEvent) => {
    setDropping(false);
    if (!attach || e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    attach([...e.dataTransfer.files]);
  };
  const addTag = (e: FormEvent) => {
    e.preventDefault();
    tagAnnotation(doc, a, tag, props.all, origin);
    setTag('');
  };
  return (
    <section
      className={`annotation-detail${dropping ? ' annotation-detail--drop' : ''}`}
      aria-label="Selected annotation"
      onDragOver={(e) => {
        if (!attach) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={onDrop}
    >
      <Input
        size="sm"
        aria-label="Title"
        className="annotation-detail__title"
        value={title}
        readOnly={!mayEdit}
        onChange={(e) => setTitle(e.target.value)}
        onBlur={saveTitle}
        onKeyDown={(e) => {
          // Enter commits the title, Escape takes back what was typed.
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') setTitle(a.title);
        }}
      />
      <div className="annotation-detail__meta">
        {kindIcon(a.kind)}
        <span>
          {a.kind} by {nameOf(a.author)}
        </span>
        <Badge tone={a.status === 'approved' ? 'success' : 'neutral'}>{a.status}</Badge>
      </div>
      <ApprovalLine doc={doc} annotation={a} nameOf={nameOf} />
      <div className="annotation-detail__actions">
        {can(grant, 'annotation.approve') &&
          (a.status === 'draft' ? (
            <ApproveButton doc={doc} annotationId={a.id} origin={origin} server={props.signing} />
          ) : (
            <Button
              size="sm"
              icon={<RotateCcw size={14} aria-hidden="true" />}
              onClick={() => reopenAnnotation(doc, { id: a.id }, origin)}
            >
              Reopen
            </Button>
          ))}
        {props.onDelete && can(grant, 'annotation.delete') && (
          <IconButton
            size="sm"
            label="Delete annotation"
            shortcut="Delete"
            className="annotation-detail__delete"
            icon={<Trash2 size={14} aria-hidden="true" />}
            onClick={() => props.onDelete?.(a.id)}
          />
        )}
      </div>
      {(a.tags.length > 0 || mayEdit) && (
        <div className="annotation-detail__section">
          <h4 className="annotation-detail__heading">Tags</h4>
          {a.tags.length > 0 && (
            <div className="annotation-detail__tags">
              {a.tags.map((t) => (
                <Chip
                  key={t}
                  onRemove={
                    mayEdit
                      ? () => editAnnotation(doc, { id: a.id, removeTags: [t] }, origin)
                      : undefined
                  }
                  removeLabel={`Remove tag ${t}`}
                >
                  <TagColor
                    tag={t}
                    color={props.tagColors[t]}
                    onChange={mayColor ? props.onTagColor : undefined}
                  />
                  {displayTag(t)}
                </Chip>
              ))}
            </div>
          )}
          {mayEdit && (
            <form onSubmit={addTag} className="annotation-detail__add-tag">
              <Input
                size="sm"
                aria-label="New tag"
                placeholder="Add a tag"
                icon={<Tag size={13} />}
                value={tag}
                onChange={(e) => setTag(e.target.value)}
              />
              <Button type="submit" size="sm" disabled={!tag.trim()}>
                Tag
              </Button>
            </form>
          )}
        </div>
      )}
      <AnnotationFiles doc={doc} annotation={a} origin={origin} onAdd={attach} />
      <AnnotationComments doc={doc} annotation={a} origin={origin} grant={grant} nameOf={nameOf} />
    </section>
  );
}

/** A tag's colour dot; a colour picker behind the dot when the user may set it. */
function TagColor(props: {
  tag: string;
  color?: string;
  onChange?(tag: string, color: string): void;
}) {
  const color = props.color ?? '#dddddd';
  if (!props.onChange) return <span className="ui-chip__dot" style={{ background: color }} />;
  return (
    <input
      type="color"
      className="annotation-tag-color"
      aria-label={`Colour of ${props.tag}`}
      value={color}
      onChange={(e) => props.onChange!(props.tag, e.target.value)}
    />
  );
}
