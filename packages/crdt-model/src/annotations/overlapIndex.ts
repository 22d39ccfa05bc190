import * as Y from 'yjs';
import { z } from 'zod';
import type { Anchor, Annotation } from '@fieldbook/shared';
import { AnchorSchema, TagSchema, anchorSpan } from '@fieldbook/shared';
import { parseInput } from '../validate';
import { IntervalTreap } from './intervalTreap';
import { readAnnotation } from './reader';
import { annotationsOf } from './structure';

/**
 * An overlap query: annotations on any of `channels` whose time span meets
 * [from, to] (epoch ms, inclusive). With `tags`, only annotations carrying
 * any of them (`tagMatch: 'any'`, the default, as an overlay's tag filter
 * reads) or all of them (`tagMatch: 'all'`).
 */
export const OverlapQuerySchema = z
  .strictObject({
    channels: AnchorSchema.shape.channels,
    from: z.number(),
    to: z.number(),
    tags: z.array(TagSchema).max(64).optional(),
    tagMatch: z.enum(['any', 'all']).default('any'),
  })
  .refine((q) => !(q.from > q.to), { message: 'from must not be after to', path: ['to'] });
/** An overlap query as callers write it (see OverlapQuerySchema). */
export type OverlapQuery = z.input<typeof OverlapQuerySchema>;

interface Entry {
  id: string;
  seq: number;
  lo: number;
  hi: number;
  channels: readonly string[];
  tags: ReadonlySet<string>;
}

/** The time span of a stored anchor, or null for a value that is no anchor. */
function spanOf(anchor: Anchor | undefined): [number, number] | null {
  if (!anchor || typeof anchor !== 'object' || !Array.isArray(anchor.channels)) return null;
  if (typeof anchor.t !== 'number') return null;
  const span = anchorSpan(anchor);
  return Number.isFinite(span[0]) && Number.isFinite(span[1]) ? span : null;
}

/**
 * An index kept beside an annotation collection document: per channel an
 * interval tree of annotation time spans. Built once from the document, then
 * kept current from its events (local and remote updates alike), so
 * `query` never scans the whole collection. Call `destroy` when done.
 */
export class AnnotationIndex {
  private readonly byChannel = new Map<string, IntervalTreap<Entry>>();
  private readonly entries = new Map<string, Entry>();
  private nextSeq = 0;
  private readonly doc: Y.Doc;
  private readonly map: Y.Map<Y.Map<unknown>>;
  private readonly onChange: (events: Y.YEvent<Y.AbstractType<unknown>>[]) => void;

  /** Indexes every annotation of `doc` and starts following its changes. */
  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.map = annotationsOf(doc);
    for (const id of this.map.keys()) this.reindex(id);
    this.onChange = (events) => {
      const touched = new Set<string>();
      for (const event of events) {
        if (event.target === this.map) for (const id of event.keys.keys()) touched.add(id);
        else if (typeof event.path[0] === 'string') touched.add(event.path[0]);
      }
      for (const id of touched) this.reindex(id);
    };
    this.map.observeDeep(this.onChange);
  }

  /** How many annotations are indexed. */
  get size(): number {
    return this.entries.size;
  }

  private reindex(id: string): void {
    const old = this.entries.get(id);
    const map = this.map.get(id);
    const anchor = map instanceof Y.Map ? (map.get('anchor') as Anchor | undefined) : undefined;
    const tagMap = map instanceof Y.Map ? map.get('tags') : undefined;
    const tags = new Set(tagMap instanceof Y.Map ? [...tagMap.keys()] : []);
    const span = spanOf(anchor);
    if (old) {
      const same =
        span !== null &&
        span[0] === old.lo &&
        span[1] === old.hi &&
        anchor!.channels.join('\n') === old.channels.join('\n') &&
        tags.size === old.tags.size &&
        [...tags].every((t) => old.tags.has(t));
      if (same) return;
      for (const channel of old.channels) this.byChannel.get(channel)?.remove(old.lo, old.seq);
      this.entries.delete(id);
    }
    if (!span) return;
    const entry: Entry = {
      id,
      seq: this.nextSeq++,
      lo: span[0],
      hi: span[1],
      channels: [...new Set(anchor!.channels)],
      tags,
    };
    this.entries.set(id, entry);
    for (const channel of entry.channels) {
      let tree = this.byChannel.get(channel);
      if (!tree) this.byChannel.set(channel, (tree = new IntervalTreap<Entry>()));
      tree.insert(entry.lo, entry.hi, entry.seq, entry);
    }
  }

  /** Ids (sorted) of the annotations matching the query; see OverlapQuerySchema. */
  query(query: OverlapQuery): string[] {
    const { channels, from, to, tags, tagMatch } = parseInput(
      OverlapQuerySchema,
      query,
      'overlap query',
    );
    const wanted = tags && tags.length > 0 ? tags : null;
    const found = new Set<string>();
    const visit = (e: Entry) => {
      if (found.has(e.id)) return;
      if (wanted) {
        const ok =
          tagMatch === 'all'
            ? wanted.every((t) => e.tags.has(t))
            : wanted.some((t) => e.tags.has(t));
        if (!ok) return;
      }
      found.add(e.id);
    };
    for (const channel of new Set(channels))
      this.byChannel.get(channel)?.overlapping(from, to, visit);
    return [...found].sort();
  }

  /** The matching annotations as plain snapshots, in id order. */
  queryAnnotations(query: OverlapQuery): Annotation[] {
    return this.query(query).flatMap((id) => readAnnotation(this.doc, id) ?? []);
  }

  /** Stops following the document. */
  destroy(): void {
    this.map.unobserveDeep(this.onChange);
  }
}
