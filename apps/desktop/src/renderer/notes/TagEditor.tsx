import type { DocumentEntry } from '@fieldbook/shared';
import { Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { ShellActions } from '../actions';
import { displayTag, groupTags, tagKey } from '../tags/tagNames';
import { Chip, toast } from '../ui';

/**
 * A document's tags as chips, and a field that adds one as typed ("#" or
 * not, case kept). Suggests the workspace's tags; when a new tag matches an
 * existing one in another case, the existing spelling is used and the user
 * is told.
 */
export function TagEditor({
  entry,
  documents,
  tagColors,
  actions,
  readOnly,
}: {
  entry: DocumentEntry;
  documents: readonly DocumentEntry[];
  tagColors: Record<string, string>;
  actions: ShellActions;
  readOnly: boolean;
}) {
  const [text, setText] = useState('');
  const listId = `tags-${entry.id}`;
  const groups = groupTags(documents);
  const mine = new Set(entry.tags.map(tagKey));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const typed = text;
    setText('');
    if (mine.has(tagKey(typed))) {
      toast({ title: `Already tagged ${displayTag(typed)}` });
      return;
    }
    const resolved = actions.docs.addTag(entry.id, typed);
    if (resolved?.mergedInto && resolved.mergedInto !== typed.replace(/^#+/, '').trim()) {
      toast({
        title: `Tagged ${displayTag(resolved.mergedInto)}`,
        description: `This workspace already uses ${displayTag(resolved.mergedInto)}; tags match regardless of case, so “${typed.trim()}” joins it.`,
      });
    }
  };
  return (
    <div className="tag-editor" aria-label="Tags" role="group">
      {entry.tags.map((t) => (
        <Chip
          key={t}
          color={tagColors[t]}
          onClick={() => actions.setFilter({ kind: 'tag', tag: t })}
          onRemove={readOnly ? undefined : () => void actions.docs.removeTag(entry.id, t)}
          removeLabel={`Remove tag ${t}`}
        >
          {displayTag(t)}
        </Chip>
      ))}
      {!readOnly && (
        <form onSubmit={submit} className="tag-editor__form">
          <Plus size={13} aria-hidden="true" />
          <input
            className="tag-editor__input"
            aria-label="Add tag"
            placeholder="Add tag"
            list={listId}
            value={text}
            maxLength={64}
            onChange={(e) => setText(e.target.value)}
          />
          <datalist id={listId}>
            {groups
              .filter((g) => !mine.has(g.key))
              .map((g) => (
                <option key={g.key} value={g.spelling} />
              ))}
          </datalist>
        </form>
      )}
    </div>
  );
}
