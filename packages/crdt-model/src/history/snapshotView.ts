import * as Y from 'yjs';
import type { DocKind } from '@fieldbook/shared';
import { readAnnotationCollection } from '../annotations/reader';
import { readNote } from '../note/reader';
import { kindOf } from '../schemaVersion';
import { readTelemetryView } from '../view/reader';
import { readWorkspaceIndex } from '../workspaceIndex/reader';
import { mapEntriesAt, mapValueAt, visibleRuns, type YType } from './snapshots';

// Read-only views of a history doc's types as they were at a snapshot. They
// are shaped like Y.Map and Y.Text (and pass `instanceof`), so the kinds' own
// readers turn them into plain snapshots: one reader per kind, whether the
// state is today's or an old one.

/** The text of `text` at `at`: its string items, visible parts only. */
export function textAt(text: YType, at: Y.Snapshot): string {
  let out = '';
  for (let item = text._start; item !== null; item = item.right) {
    if (!(item.content instanceof Y.ContentString)) continue;
    const str = item.content.str;
    visibleRuns(at, item.id.client, item.id.clock, item.length, (offset, length, visible) => {
      if (visible) out += str.slice(offset, offset + length);
    });
  }
  return out;
}

/** The entries of a map type at `at`: plain values, nested types as views. */
function entriesAt(map: YType, at: Y.Snapshot): [string, unknown][] {
  return mapEntriesAt(map, at).map(([k, v]) => [k, viewAt(v, at)]);
}

/** A nested value at `at`: types become views, plain values stay. */
function viewAt(value: unknown, at: Y.Snapshot): unknown {
  if (value instanceof Y.Map) return new MapAt(value, at);
  if (value instanceof Y.Text) return new TextAt(value, at);
  return value;
}

/** A Y.Map as it was at a snapshot (read-only). */
export class MapAt extends Y.Map<unknown> {
  constructor(
    readonly inner: YType,
    readonly at: Y.Snapshot,
  ) {
    super();
  }
  override get(key: string): unknown {
    return viewAt(mapValueAt(this.inner, key, this.at), this.at);
  }
  override has(key: string): boolean {
    return mapValueAt(this.inner, key, this.at) !== undefined;
  }
  override get size(): number {
    return mapEntriesAt(this.inner, this.at).length;
  }
  override keys(): IterableIterator<string> {
    return mapEntriesAt(this.inner, this.at)
      .map(([k]) => k)
      .values();
  }
  override values(): IterableIterator<unknown> {
    return entriesAt(this.inner, this.at)
      .map(([, v]) => v)
      .values();
  }
  override entries(): IterableIterator<[string, unknown]> {
    return entriesAt(this.inner, this.at).values();
  }
  override [Symbol.iterator](): IterableIterator<[string, unknown]> {
    return this.entries();
  }
  override forEach(f: (value: unknown, key: string, map: Y.Map<unknown>) => void): void {
    for (const [k, v] of entriesAt(this.inner, this.at)) f(v, k, this);
  }
  override toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of entriesAt(this.inner, this.at)) {
      out[k] = v instanceof MapAt || v instanceof TextAt ? v.toJSON() : v;
    }
    return out;
  }
}

/** A Y.Text as it was at a snapshot (read-only). */
export class TextAt extends Y.Text {
  private text: string | null = null;
  constructor(
    readonly inner: YType,
    readonly at: Y.Snapshot,
  ) {
    super();
  }
  override toString(): string {
    return (this.text ??= textAt(this.inner, this.at));
  }
  override toJSON(): string {
    return this.toString();
  }
  override get length(): number {
    return this.toString().length;
  }
}

/**
 * A stand-in for `doc` as it was at `at`, for the kinds' readers: only
 * `getMap` and `getText` (all they use) are answered, with views.
 */
export function docAt(doc: Y.Doc, at: Y.Snapshot): Y.Doc {
  const view = {
    getMap: (name: string) => new MapAt(doc.getMap(name), at),
    getText: (name: string) => new TextAt(doc.getText(name), at),
  };
  return view as unknown as Y.Doc;
}

/** The plain snapshot of any kind, as the kind's reader returns it. */
export type KindSnapshot =
  | ReturnType<typeof readWorkspaceIndex>
  | ReturnType<typeof readNote>
  | ReturnType<typeof readAnnotationCollection>
  | ReturnType<typeof readTelemetryView>;

const READERS: Record<DocKind, (doc: Y.Doc) => KindSnapshot> = {
  workspace: readWorkspaceIndex,
  note: readNote,
  annotations: readAnnotationCollection,
  view: readTelemetryView,
};

/** The kind of `doc` at `at` (null while it holds none), or today when `at` is null. */
export function kindAt(doc: Y.Doc, at: Y.Snapshot | null): DocKind | null {
  return kindOf(at ? docAt(doc, at) : doc);
}

/**
 * The plain snapshot of `doc` at `at` (today when null), read by the reader
 * of `kind`. `doc` must keep deleted content (`gc: false`) to read the past.
 */
export function readKindAt(doc: Y.Doc, kind: DocKind, at: Y.Snapshot | null): KindSnapshot {
  return READERS[kind](at ? docAt(doc, at) : doc);
}
