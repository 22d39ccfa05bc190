import * as Y from 'yjs';
import type { ChangeSummary, DocKind, IdList } from '@fieldbook/shared';
import { lastValue, typeOf, type ItemChange } from './changes';
import { headingAbove } from './headings';

// Turns located item changes into what a person reads in the history: for
// notes, characters and headings; for collections, annotations created,
// moved, edited, approved, reopened, deleted and comments; for views, panels
// and channels; for the workspace index, documents and folders. A builder
// takes the changes of every update of one history entry.

const SHOWN = 20;
const MAX_HEADINGS = 5;
const MAX_ANCHORS = 3;

/** Names of the id lists a summary keeps, as `section.list`. */
type ListName =
  | `annotations.${'created' | 'moved' | 'edited' | 'approved' | 'reopened' | 'deleted'}`
  | 'comments.on'
  | `panels.${'added' | 'removed' | 'changed'}`
  | `documents.${'created' | 'renamed' | 'moved' | 'trashed' | 'restored' | 'deleted'}`
  | `folders.${'created' | 'renamed' | 'moved' | 'deleted'}`;

// approval / reopened: the signature records written with a status change, counted as that change.
const IGNORED_FIELDS = new Set([
  'updatedAt',
  'createdAt',
  'editedAt',
  'order',
  'id',
  'approval',
  'reopened',
]);
const META_NAMES = new Set(['name', 'title']);

/** Accumulates the summary of one history entry from the changes of its updates. */
export class SummaryBuilder {
  private readonly lists = new Map<ListName, { ids: Set<string>; hidden: number }>();
  private readonly counts = new Map<string, number>();
  private readonly fields = new Set<string>();
  private readonly tags = { added: new Set<string>(), removed: new Set<string>() };
  private readonly channels = { added: new Set<string>(), removed: new Set<string>() };
  private readonly labels = new Map<string, string>();
  private readonly headings: string[] = [];
  private anchors: { doc: Y.Doc; id: Y.ID }[] = [];
  private renamed: string | undefined;

  constructor(private readonly kind: DocKind | null) {}

  /** A builder that continues a stored summary (its capped lists count the hidden ids). */
  static continuing(kind: DocKind | null, summary: ChangeSummary): SummaryBuilder {
    const b = new SummaryBuilder(kind);
    const seed = (name: ListName, list: IdList | undefined) => {
      if (list) b.lists.set(name, { ids: new Set(list.ids), hidden: list.count - list.ids.length });
    };
    for (const [section, lists] of Object.entries(summary)) {
      if (!lists || typeof lists !== 'object' || Array.isArray(lists)) continue;
      for (const [name, value] of Object.entries(lists as Record<string, unknown>)) {
        if (value && typeof value === 'object' && 'ids' in value) {
          seed(`${section}.${name}` as ListName, value as IdList);
        } else if (typeof value === 'number') {
          b.counts.set(`${section}.${name}`, value);
        }
      }
    }
    for (const f of summary.annotations?.fields ?? []) b.fields.add(f);
    for (const t of summary.tags?.added ?? []) b.tags.added.add(t);
    for (const t of summary.tags?.removed ?? []) b.tags.removed.add(t);
    for (const c of summary.channels?.added ?? []) b.channels.added.add(c);
    for (const c of summary.channels?.removed ?? []) b.channels.removed.add(c);
    for (const [k, v] of Object.entries(summary.labels ?? {})) b.labels.set(k, v);
    b.headings.push(...(summary.text?.headings ?? []));
    if (summary.other) b.counts.set('other', summary.other);
    b.renamed = summary.renamed?.to;
    return b;
  }

  private note(name: ListName, id: string): void {
    let list = this.lists.get(name);
    if (!list) this.lists.set(name, (list = { ids: new Set(), hidden: 0 }));
    list.ids.add(id);
  }

  private bump(name: string, by = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + by);
  }

  private label(id: string, holder: Y.Item | undefined, key: string): void {
    const value = lastValue(typeOf(holder), key);
    if (typeof value === 'string' && value) this.labels.set(id, value.slice(0, 120));
  }

  /** Adds the changes of one update. */
  add(changes: readonly ItemChange[]): void {
    const renames = changes.filter(
      (c) => c.op === 'insert' && c.path[0] === 'meta' && META_NAMES.has(c.path[1]!),
    );
    for (const c of renames) if (typeof c.value === 'string') this.renamed = c.value;
    for (const c of changes) {
      if (c.path[0] === 'meta') continue;
      const known =
        (this.kind === 'annotations' && this.annotation(c)) ||
        (this.kind === 'note' && this.noteChange(c)) ||
        (this.kind === 'view' && this.panel(c)) ||
        (this.kind === 'workspace' && this.indexChange(c));
      if (!known) this.bump('other');
    }
  }

  private annotation(c: ItemChange): boolean {
    const [root, id, field, commentId, commentField] = c.path;
    if (root !== 'annotations' || !id) return false;
    this.label(id, c.holders[0], 'title');
    if (field === undefined) {
      this.note(c.op === 'insert' ? 'annotations.created' : 'annotations.deleted', id);
    } else if (IGNORED_FIELDS.has(field)) {
      // bookkeeping of another change
    } else if (field === 'anchor') {
      if (c.op === 'insert') this.note('annotations.moved', id);
    } else if (field === 'status') {
      if (c.op === 'insert') {
        this.note(c.value === 'approved' ? 'annotations.approved' : 'annotations.reopened', id);
      }
    } else if (field === 'comments' && commentId) {
      this.note('comments.on', id);
      if (commentField === undefined)
        this.bump(c.op === 'insert' ? 'comments.added' : 'comments.deleted');
      else if (commentField === 'resolved' && c.op === 'insert') this.bump('comments.resolved');
      else if (commentField === 'body') this.bump('comments.edited');
    } else {
      this.note('annotations.edited', id);
      this.fields.add(field);
    }
    return true;
  }

  private noteChange(c: ItemChange): boolean {
    const [root, key] = c.path;
    if (root === 'body') {
      this.bump(c.op === 'insert' ? 'text.inserted' : 'text.deleted', c.length);
      const parent = c.holders.at(-1)!.parent;
      const doc = parent instanceof Y.AbstractType ? parent.doc : null;
      if (doc && this.anchors.length < MAX_ANCHORS) this.anchors.push({ doc, id: c.id });
    } else if (root === 'tags' && key) {
      if (c.op === 'insert') this.tags.added.add(key);
      else this.tags.removed.add(key);
    } else if (root === 'attachments' && key) {
      this.bump(c.op === 'insert' ? 'attachments.added' : 'attachments.removed');
    } else {
      return false;
    }
    return true;
  }

  private panel(c: ItemChange): boolean {
    const [root, id, field, channelId] = c.path;
    if (root !== 'panels' || !id) return false;
    this.label(id, c.holders[0], 'title');
    if (field === undefined) {
      this.note(c.op === 'insert' ? 'panels.added' : 'panels.removed', id);
      return true;
    }
    if (field === 'channels' && channelId && c.path.length === 4) {
      (c.op === 'insert' ? this.channels.added : this.channels.removed).add(channelId);
    }
    if (c.op === 'insert' || field === 'channels') this.note('panels.changed', id);
    return true;
  }

  private indexChange(c: ItemChange): boolean {
    const [root, id, field] = c.path;
    if ((root !== 'documents' && root !== 'folders') || !id) return false;
    const section = root;
    this.label(id, c.holders[0], root === 'documents' ? 'title' : 'name');
    if (field === undefined) {
      this.note(`${section}.${c.op === 'insert' ? 'created' : 'deleted'}`, id);
    } else if (c.op === 'delete' || IGNORED_FIELDS.has(field)) {
      // the other half of a value being replaced, or bookkeeping
    } else if (field === 'title' || field === 'name') {
      this.note(`${section}.renamed`, id);
    } else if (field === 'folderId' || field === 'parentId') {
      this.note(`${section}.moved`, id);
    } else if (field === 'trashedAt' && section === 'documents') {
      this.note(typeof c.value === 'number' ? 'documents.trashed' : 'documents.restored', id);
    } else {
      this.bump('other');
    }
    return true;
  }

  /** The summary so far; `headings` are looked up in the document the anchors live in. */
  build(): ChangeSummary {
    for (const anchor of this.anchors.splice(0)) {
      const heading = headingAbove(anchor.doc, anchor.id);
      if (heading && !this.headings.includes(heading) && this.headings.length < MAX_HEADINGS) {
        this.headings.push(heading);
      }
    }
    const shown = new Set<string>();
    const list = (name: ListName, except: ListName[] = []): IdList | undefined => {
      const l = this.lists.get(name);
      if (!l) return undefined;
      const skip = new Set(except.flatMap((e) => [...(this.lists.get(e)?.ids ?? [])]));
      const ids = [...l.ids].filter((id) => !skip.has(id));
      const count = ids.length + l.hidden;
      if (count === 0) return undefined;
      for (const id of ids.slice(0, SHOWN)) shown.add(id);
      return { count, ids: ids.slice(0, SHOWN) };
    };
    const count = (name: string) => this.counts.get(name) || undefined;
    const created: ListName[] = ['annotations.created', 'annotations.deleted'];
    const summary: ChangeSummary = {
      text:
        count('text.inserted') || count('text.deleted')
          ? {
              inserted: count('text.inserted') ?? 0,
              deleted: count('text.deleted') ?? 0,
              headings: [...this.headings],
            }
          : undefined,
      renamed: this.renamed !== undefined ? { to: this.renamed } : undefined,
      tags:
        this.tags.added.size || this.tags.removed.size
          ? { added: [...this.tags.added], removed: [...this.tags.removed] }
          : undefined,
      attachments:
        count('attachments.added') || count('attachments.removed')
          ? { added: count('attachments.added') ?? 0, removed: count('attachments.removed') ?? 0 }
          : undefined,
      annotations: compact({
        created: list('annotations.created'),
        moved: list('annotations.moved', created),
        edited: list('annotations.edited', created),
        approved: list('annotations.approved', ['annotations.created']),
        reopened: list('annotations.reopened', ['annotations.created']),
        deleted: list('annotations.deleted'),
        fields: this.fields.size ? [...this.fields].sort() : undefined,
      }),
      comments: compact({
        added: count('comments.added'),
        edited: count('comments.edited'),
        resolved: count('comments.resolved'),
        deleted: count('comments.deleted'),
        on: list('comments.on'),
      }),
      panels: compact({
        added: list('panels.added'),
        removed: list('panels.removed'),
        changed: list('panels.changed', ['panels.added', 'panels.removed']),
      }),
      channels:
        this.channels.added.size || this.channels.removed.size
          ? {
              added: [...this.channels.added].slice(0, SHOWN),
              removed: [...this.channels.removed].slice(0, SHOWN),
            }
          : undefined,
      documents: compact({
        created: list('documents.created'),
        renamed: list('documents.renamed', ['documents.created']),
        moved: list('documents.moved', ['documents.created']),
        trashed: list('documents.trashed'),
        restored: list('documents.restored', ['documents.created']),
        deleted: list('documents.deleted'),
      }),
      folders: compact({
        created: list('folders.created'),
        renamed: list('folders.renamed', ['folders.created']),
        moved: list('folders.moved', ['folders.created']),
        deleted: list('folders.deleted'),
      }),
      other: count('other'),
    };
    const labels = [...this.labels].filter(([id]) => shown.has(id));
    if (labels.length) summary.labels = Object.fromEntries(labels);
    return compact(summary) ?? {};
  }
}

/** The object without its undefined fields, or undefined when none is left. */
function compact<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}
