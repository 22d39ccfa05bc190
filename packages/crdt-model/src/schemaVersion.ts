import type * as Y from 'yjs';
import type { DocKind } from '@fieldbook/shared';
import type { ModelOrigin } from './origin';
import { stampOf } from './origin';
import { invalidOperation } from './validate';

/** The schema version this code writes, per document kind (kept in the root `meta` map). */
export const SCHEMA_VERSION: Readonly<Record<DocKind, number>> = Object.freeze({
  workspace: 1,
  note: 1,
  annotations: 1,
  view: 1,
});

const KIND_NAMES: Record<DocKind, string> = {
  workspace: 'a workspace index',
  note: 'a note',
  annotations: 'an annotation collection',
  view: 'a telemetry view',
};

/** The root map holding a document's kind, schemaVersion and top-level fields (name, title). */
export function metaOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

/** The kind a document was created as, or null while it is empty (e.g. not yet synced). */
export function kindOf(doc: Y.Doc): DocKind | null {
  const kind = metaOf(doc).get('kind');
  return kind === 'workspace' || kind === 'note' || kind === 'annotations' || kind === 'view'
    ? kind
    : null;
}

/** The schema version stored in a document (0 when it was never initialised). */
export function schemaVersionOf(doc: Y.Doc): number {
  const v = metaOf(doc).get('schemaVersion');
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 0;
}

/**
 * Refuses to run a mutation on a document of another kind (or an empty one),
 * then checks the origin; returns the time stamp for the change.
 */
export function beginChange(doc: Y.Doc, kind: DocKind, origin: ModelOrigin): number {
  const now = stampOf(origin);
  const actual = kindOf(doc);
  if (actual !== kind) {
    throw invalidOperation(
      actual
        ? `This document is ${KIND_NAMES[actual]}, not ${KIND_NAMES[kind]}`
        : `This document is empty; create it as ${KIND_NAMES[kind]} first`,
      { expected: kind, actual },
    );
  }
  return now;
}

/** Refuses to create a document kind over a document that already holds one. */
export function beginCreate(doc: Y.Doc, kind: DocKind, origin: ModelOrigin): number {
  const now = stampOf(origin);
  const actual = kindOf(doc);
  if (actual !== null) {
    throw invalidOperation(`This document is already ${KIND_NAMES[actual]}`, {
      expected: kind,
      actual,
    });
  }
  return now;
}

/** Writes kind and current schema version into `meta`; call inside the creating transaction. */
export function writeMeta(doc: Y.Doc, kind: DocKind, fields: Record<string, string>): void {
  const meta = metaOf(doc);
  meta.set('kind', kind);
  meta.set('schemaVersion', SCHEMA_VERSION[kind]);
  for (const [key, value] of Object.entries(fields)) meta.set(key, value);
}
