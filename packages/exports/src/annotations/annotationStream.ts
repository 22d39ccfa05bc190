import { annotationIds, readAnnotation, schemaVersionOf } from '@fieldbook/crdt-model';
import {
  anchorSpan,
  annotationMatches,
  type Annotation,
  type AnnotationFilter,
  type DocumentEntry,
} from '@fieldbook/shared';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ExportSource } from '../source';
import { throwIfAborted } from '../streams';

/** One annotation of an export with the collection it belongs to. */
export interface ExportedAnnotation {
  collection: { id: string; name: string; schemaVersion: number };
  annotation: Annotation;
}

/** The annotation collections an export reads: not trashed, and those the filter names. */
export async function collectionsOf(
  source: ExportSource,
  filter: AnnotationFilter,
): Promise<DocumentEntry[]> {
  const index = await source.index();
  return index.documents.filter(
    (d) =>
      d.kind === 'annotations' &&
      d.trashedAt === null &&
      (!filter.collections?.length || filter.collections.includes(d.id)),
  );
}

/**
 * The annotations the filter lets through, collection by collection (index
 * order) and by time within each. Only one collection document is loaded at
 * a time, and snapshots are read one by one as the consumer pulls them, so
 * the export's memory is bounded by the largest collection, never by the
 * number of annotations. Every 256 annotations it gives the event loop a
 * turn: a consumer whose writes never back up (a fast client) otherwise
 * resolves every await at once, and a 100,000-annotation export held the
 * server's event loop for 15 s — no timers, no other requests, no zlib.
 */
export async function* filteredAnnotations(
  source: ExportSource,
  filter: AnnotationFilter,
  signal?: AbortSignal,
): AsyncGenerator<ExportedAnnotation> {
  for (const entry of await collectionsOf(source, filter)) {
    throwIfAborted(signal);
    const doc = await source.loadDocument(entry.id);
    if (!doc) continue;
    try {
      const collection = {
        id: entry.id,
        name: entry.title || 'Untitled collection',
        schemaVersion: Math.max(1, schemaVersionOf(doc)),
      };
      const order: { start: number; id: string }[] = [];
      for (const id of annotationIds(doc)) {
        const a = readAnnotation(doc, id);
        if (a && annotationMatches(filter, a, entry.id)) {
          order.push({ start: anchorSpan(a.anchor)[0], id });
        }
      }
      order.sort((x, y) => x.start - y.start || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      for (const [i, { id }] of order.entries()) {
        if (i % 256 === 0) {
          await nextTurn();
          throwIfAborted(signal);
        }
        const annotation = readAnnotation(doc, id);
        if (annotation) yield { collection, annotation };
      }
    } finally {
      doc.destroy();
    }
  }
}

/** Caches display names so each user id is looked up once per export. */
export function nameCache(source: ExportSource): (id: string) => Promise<string> {
  const names = new Map<string, Promise<string>>();
  return (id) => {
    let name = names.get(id);
    if (!name) {
      name = source.personName(id).catch(() => id);
      names.set(id, name);
    }
    return name;
  };
}
