import { Facet, StateEffect, StateField } from '@codemirror/state';

/** A document a note can link to with [[…]]. */
export interface LinkTarget {
  readonly id: string;
  readonly title: string;
  readonly kind: 'note' | 'view' | 'annotations';
}

/** Replaces the documents links can point to (the workspace index changed). */
export const setLinkTargets = StateEffect.define<readonly LinkTarget[]>();

/** The documents of the workspace by id, for link titles and completion. */
export const linkTargets = StateField.define<ReadonlyMap<string, LinkTarget>>({
  create: () => new Map(),
  update(value, tr) {
    for (const e of tr.effects) {
      if (e.is(setLinkTargets)) return new Map(e.value.map((t) => [t.id, t]));
    }
    return value;
  },
});

/** What opening a linked document does (navigate the app); set by the note pane. */
export const openLinkedDocument = Facet.define<(id: string) => void, (id: string) => void>({
  combine: (values) => values[0] ?? (() => {}),
});

const UUID7 = '[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

/** `[[<id>]]` links in a text (the form crdt-model's noteLinks reads), global. */
export const WIKI_LINK = new RegExp(`\\[\\[(${UUID7})\\]\\]`, 'g');
