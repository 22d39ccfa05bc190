import type { Writable } from 'node:stream';
import type { ExportContext, ExportSource } from '../source';
import { iso, writeChunk } from '../streams';
import { filteredAnnotations } from './annotationStream';

/** `format` of the JSON annotation export. */
export const ANNOTATIONS_JSON_FORMAT = 'fieldbook-annotations';

/**
 * Writes the filtered annotations as one JSON document: a head (workspace,
 * who, when, filter) and `collections`, each `{id, schemaVersion, name,
 * annotations}` — apart from `id`, the AnnotationCollectionSnapshot shape of
 * @fieldbook/shared, so it parses with its zod schema. Streamed annotation by
 * annotation; `out` is ended when done.
 */
export async function writeAnnotationsJson(
  source: ExportSource,
  ctx: ExportContext,
  out: Writable,
): Promise<void> {
  const head = {
    format: ANNOTATIONS_JSON_FORMAT,
    formatVersion: 1,
    workspace: source.workspace,
    exportedBy: ctx.exportedBy,
    exportedAt: iso(ctx.exportedAt),
    filter: ctx.filter,
  };
  await writeChunk(out, `${JSON.stringify(head).slice(0, -1)},"collections":[`);
  let current: string | null = null;
  let first = true;
  for await (const { collection, annotation } of filteredAnnotations(
    source,
    ctx.filter,
    ctx.signal,
  )) {
    if (collection.id !== current) {
      const open = JSON.stringify({
        id: collection.id,
        schemaVersion: collection.schemaVersion,
        name: collection.name,
      }).slice(0, -1);
      await writeChunk(out, `${current === null ? '' : ']},'}\n${open},"annotations":[`);
      current = collection.id;
      first = true;
    }
    await writeChunk(out, `${first ? '' : ','}\n${JSON.stringify(annotation)}`);
    first = false;
  }
  await writeChunk(out, `${current === null ? '' : ']}'}]}\n`);
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}
