import { posix } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { readNote } from '@fieldbook/crdt-model';
import type { Attachment, DocumentEntry } from '@fieldbook/shared';
import { filteredAnnotations, nameCache } from '../annotations/annotationStream';
import { writeAnnotationsCsv } from '../annotations/csv';
import { writeAnnotationsJson } from '../annotations/json';
import { attachmentFiles, noteMarkdown } from '../notes/markdown';
import type { ExportContext, ExportSource } from '../source';
import { iso, throwIfAborted } from '../streams';
import { createZip, type ZipWriter } from '../zip';
import { CrateGraph, ref, SlugSet, slug, type Entity } from './crate';
import { HashingStream } from './hashingStream';

/** IANA media type of `.eln` files. */
export const ELN_MEDIA_TYPE = 'application/vnd.eln+zip';

/** A run of an instrument, as the server records it (included when the source offers runs). */
export interface RunRecord {
  id: string;
  name: string;
  startedAt: number;
  finishedAt: number | null;
  operator: string | null;
  record: unknown;
}

/** An ExportSource that may also list instrument runs. */
export type ElnSource = ExportSource & { runs?(): Promise<RunRecord[]> };

interface Writer {
  zip: ZipWriter;
  root: string;
  crate: CrateGraph;
  person(userId: string): Promise<ReturnType<typeof ref>>;
}

/** Adds a file to the ZIP and a File entity for it (size and sha256 from the bytes written). */
async function addFile(
  w: Writer,
  path: string,
  content: string | Readable | ((out: Writable) => Promise<unknown>),
  meta: Record<string, unknown> & { name: string; encodingFormat: string },
  parent?: Entity,
): Promise<void> {
  const hashing = new HashingStream();
  const zipped = w.zip.add(`${w.root}/${path}`, hashing);
  if (typeof content === 'string') hashing.end(content);
  else if (typeof content === 'function') await content(hashing);
  else content.pipe(hashing);
  await zipped;
  w.crate.addPart(
    {
      '@id': path,
      '@type': 'File',
      contentSize: String(hashing.size),
      sha256: hashing.sha256,
      ...meta,
    },
    parent,
  );
}

async function addAttachments(
  w: Writer,
  source: ExportSource,
  files: Map<string, string>,
  found: Map<string, Attachment>,
  parent: Entity,
) {
  for (const [hash, path] of files) {
    const stream = await source.openAttachment?.(hash);
    if (!stream) continue;
    const a = found.get(hash)!;
    await addFile(
      w,
      path,
      stream,
      { name: a.name, encodingFormat: a.mimeType, description: 'Attachment' },
      parent,
    );
  }
}

async function addNotes(
  w: Writer,
  source: ExportSource,
  notes: DocumentEntry[],
  titles: Map<string, string>,
  signal?: AbortSignal,
) {
  const slugs = new SlugSet();
  const dirs = new Map(notes.map((n) => [n.id, `notes/${slugs.take(n.title, 'note')}/`]));
  const paths = new Map(
    notes.map((n) => [n.id, `${dirs.get(n.id)!}${posix.basename(dirs.get(n.id)!)}.md`]),
  );
  const notesEntity: Entity = { '@id': 'notes/', '@type': 'Dataset', name: 'Notes', hasPart: [] };
  w.crate.addPart(notesEntity);
  for (const entry of notes) {
    throwIfAborted(signal);
    const doc = await source.loadDocument(entry.id);
    if (!doc) continue;
    try {
      const note = readNote(doc);
      const path = paths.get(entry.id)!;
      const files = attachmentFiles(path, note.attachments);
      const author = await w.person(entry.createdBy);
      const dataset: Entity = {
        '@id': dirs.get(entry.id)!,
        '@type': 'Dataset',
        name: note.title || entry.title || 'Untitled',
        identifier: entry.id,
        author,
        dateCreated: iso(entry.createdAt),
        dateModified: iso(entry.updatedAt),
        keywords: note.tags.join(', '),
        genre: 'note',
        hasPart: [],
      };
      w.crate.addPart(dataset, notesEntity);
      const md = noteMarkdown(note, entry, await source.personName(entry.createdBy), {
        path,
        paths,
        titles,
        attachments: files,
      });
      await addFile(
        w,
        path,
        md,
        {
          name: posix.basename(path),
          encodingFormat: 'text/markdown',
          description: 'The note as Markdown with front matter',
        },
        dataset,
      );
      await addAttachments(
        w,
        source,
        files,
        new Map(note.attachments.map((a) => [a.hash, a])),
        dataset,
      );
    } finally {
      doc.destroy();
    }
  }
}

async function addCollections(
  w: Writer,
  source: ExportSource,
  ctx: ExportContext,
  collections: DocumentEntry[],
) {
  const slugs = new SlugSet();
  const parentEntity: Entity = {
    '@id': 'annotations/',
    '@type': 'Dataset',
    name: 'Annotation collections',
    hasPart: [],
  };
  w.crate.addPart(parentEntity);
  for (const entry of collections) {
    throwIfAborted(ctx.signal);
    const dir = `annotations/${slugs.take(entry.title, 'collection')}/`;
    const sub: ExportContext = { ...ctx, filter: { collections: [entry.id] } };
    const found = new Map<string, Attachment>();
    for await (const { annotation } of filteredAnnotations(source, sub.filter, ctx.signal))
      for (const a of annotation.attachments) found.set(a.hash, a);
    const dataset: Entity = {
      '@id': dir,
      '@type': 'Dataset',
      name: entry.title || 'Untitled collection',
      identifier: entry.id,
      author: await w.person(entry.createdBy),
      dateCreated: iso(entry.createdAt),
      dateModified: iso(entry.updatedAt),
      keywords: entry.tags.join(', '),
      genre: 'annotation collection',
      hasPart: [],
    };
    w.crate.addPart(dataset, parentEntity);
    await addFile(
      w,
      `${dir}annotations.json`,
      (out) => writeAnnotationsJson(source, sub, out),
      {
        name: 'annotations.json',
        encodingFormat: 'application/json',
        description: 'Annotations with comments (Fieldbook JSON)',
      },
      dataset,
    );
    await addFile(
      w,
      `${dir}annotations.csv`,
      (out) => writeAnnotationsCsv(source, sub, out),
      {
        name: 'annotations.csv',
        encodingFormat: 'text/csv',
        description: 'One row per annotation',
      },
      dataset,
    );
    const files = attachmentFiles(`${dir}annotations.json`, [...found.values()]);
    await addAttachments(w, source, files, found, dataset);
  }
}

/**
 * Writes the workspace as an `.eln` file (RO-Crate 1.1 in a ZIP with one
 * root folder `rootDir`): each note a dataset with its Markdown and
 * attachments, each annotation collection a dataset with JSON, CSV and
 * attachments, instrument runs as JSON files, authors as Person entities,
 * and `ro-crate-metadata.json` describing them all, with sizes and sha256.
 */
export async function writeEln(
  source: ElnSource,
  ctx: ExportContext,
  out: Writable,
  rootDir = slug(source.workspace.name, 'workspace'),
): Promise<void> {
  const index = await source.index();
  const live = index.documents.filter((d) => d.trashedAt === null);
  const notes = live.filter((d) => d.kind === 'note');
  const collections = live.filter(
    (d) =>
      d.kind === 'annotations' &&
      (!ctx.filter.collections?.length || ctx.filter.collections.includes(d.id)),
  );
  const crate = new CrateGraph({
    name: source.workspace.name || 'Fieldbook workspace',
    description: `Fieldbook workspace "${source.workspace.name}": ${notes.length} notes and ${collections.length} annotation collections, exported by ${ctx.exportedBy}.`,
    datePublished: iso(ctx.exportedAt),
    license: {
      '@id': '#license',
      '@type': 'CreativeWork',
      name: 'All rights reserved',
      description:
        'No license was chosen when this workspace was exported; ask its authors before reuse.',
    },
    publisher: {
      '@id': '#fieldbook',
      '@type': 'Organization',
      name: 'Fieldbook',
      description: 'Local-first notebook for labs and rovers',
    },
  });
  const nameOf = nameCache(source);
  const zip = createZip(out);
  const w: Writer = {
    zip,
    root: rootDir,
    crate,
    async person(userId) {
      const id = `#person-${slug(userId, 'unknown')}`;
      if (!crate.has(id))
        crate.put({ '@id': id, '@type': 'Person', name: await nameOf(userId), identifier: userId });
      return ref(id);
    },
  };
  try {
    await addNotes(
      w,
      source,
      notes,
      new Map(index.documents.map((d) => [d.id, d.title])),
      ctx.signal,
    );
    await addCollections(w, source, ctx, collections);
    const runs = (await source.runs?.()) ?? [];
    for (const run of runs) {
      await addFile(w, `runs/${slug(run.id)}.json`, JSON.stringify(run.record, null, 2), {
        name: run.name,
        encodingFormat: 'application/json',
        identifier: run.id,
        genre: 'instrument run',
        dateCreated: iso(run.startedAt),
        ...(run.finishedAt ? { dateModified: iso(run.finishedAt) } : {}),
        ...(run.operator ? { author: await w.person(run.operator) } : {}),
      });
    }
    await zip.add(`${rootDir}/ro-crate-metadata.json`, JSON.stringify(crate.toJson(), null, 2));
    await zip.finish();
  } catch (err) {
    zip.abort(err as Error);
    throw err;
  }
}
