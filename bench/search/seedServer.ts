/**
 * Puts the benchmark corpus on a real server the way a user would bring a
 * large workspace there: as Yjs documents made with crdt-model, written to a
 * `.fieldbook` file and merged in through `POST /workspaces/:ws/import`.
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  actorOrigin,
  addComment,
  createAnnotationCollection,
  createAnnotations,
  createDocumentEntry,
  createNote,
  createWorkspaceIndex,
} from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { writeWorkspaceFile } from '@fieldbook/workspace-file';
import * as Y from 'yjs';
import type { AnnotationSpec, Corpus } from './corpus';

/** The seeded workspace: the ids the benchmark edits and looks up. */
export interface SeededWorkspace {
  noteIds: string[];
  collectionIds: string[];
  /** Bytes of the imported files. */
  fileBytes: number;
}

/** The corpus as Yjs states: the workspace index, and every note and collection by id. */
export interface CorpusDocs {
  index: Uint8Array;
  docs: Map<string, Uint8Array>;
  noteIds: string[];
  collectionIds: string[];
}

/** Builds the corpus's documents with crdt-model (before any server is involved: it takes a while). */
export function corpusDocs(corpus: Corpus): CorpusDocs {
  const docs = new Map<string, Y.Doc>();
  const index = new Y.Doc();
  createWorkspaceIndex(index, { name: 'Search bench' }, actorOrigin('bench'));
  const noteIds = corpus.notes.map((n) => {
    const origin = actorOrigin(n.author);
    const id = createDocumentEntry(index, { kind: 'note', title: n.title, tags: n.tags }, origin);
    const doc = new Y.Doc();
    createNote(doc, { title: n.title, text: n.text }, origin);
    docs.set(id, doc);
    return id;
  });
  const collectionIds = corpus.collections.map((c) => {
    const origin = actorOrigin(c.author);
    const id = createDocumentEntry(index, { kind: 'annotations', title: c.name }, origin);
    const doc = new Y.Doc();
    createAnnotationCollection(doc, { name: c.name }, origin);
    // One change per author (as an import would), then the comments one by one.
    const byAuthor = new Map<string, AnnotationSpec[]>();
    for (const a of c.annotations) byAuthor.set(a.author, [...(byAuthor.get(a.author) ?? []), a]);
    for (const [author, list] of byAuthor) {
      const ids = createAnnotations(
        doc,
        list.map((a) => ({
          kind: 'range' as const,
          anchor: { channels: a.channels, t: a.t, t2: a.t2 },
          title: a.title,
          body: a.body,
          tags: a.tags,
        })),
        actorOrigin(author),
      );
      list.forEach((a, i) => {
        for (const m of a.comments)
          addComment(doc, { annotationId: ids[i]!, body: m.body }, actorOrigin(m.author));
      });
    }
    docs.set(id, doc);
    return id;
  });
  const states = new Map<string, Uint8Array>();
  for (const [id, doc] of docs) {
    states.set(id, Y.encodeStateAsUpdate(doc));
    doc.destroy();
  }
  return { index: Y.encodeStateAsUpdate(index), docs: states, noteIds, collectionIds };
}

/** Imported files stay under this size (a file per slice of documents). */
const FILE_BYTES = 24 * 2 ** 20;

/** Writes `states` (id → Yjs state) as a workspace file and merges it in through the import route. */
async function importFile(
  url: string,
  token: string,
  workspaceId: string,
  states: Map<string, Uint8Array>,
): Promise<number> {
  const path = join(tmpdir(), `fieldbook-search-bench-${newId()}.fieldbook`);
  try {
    await writeWorkspaceFile(
      {
        documentIds: async () => [...states.keys()],
        documentState: async (id) => states.get(id) ?? null,
        attachmentHashes: async () => [],
        attachment: async () => null,
      },
      { workspaceId, exportedBy: 'search bench', path },
    );
    const bytes = readFileSync(path);
    const res = await fetch(`${url}/api/v1/workspaces/${workspaceId}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    if (!res.ok) throw new Error(`import answered ${res.status}: ${await res.text()}`);
    return bytes.byteLength;
  } finally {
    rmSync(path, { force: true });
  }
}

/**
 * Merges the corpus's documents into `workspaceId` on the server at `url`,
 * in files of up to 24 MiB (the index document, under the workspace's id, first).
 */
export async function seedWorkspace(
  url: string,
  token: () => Promise<string>,
  workspaceId: string,
  built: CorpusDocs,
): Promise<SeededWorkspace> {
  let fileBytes = 0;
  let slice = new Map<string, Uint8Array>();
  let sliceBytes = 0;
  for (const [id, state] of [[workspaceId, built.index] as const, ...built.docs]) {
    if (slice.size > 0 && sliceBytes + state.byteLength > FILE_BYTES) {
      fileBytes += await importFile(url, await token(), workspaceId, slice);
      slice = new Map();
      sliceBytes = 0;
    }
    slice.set(id, state);
    sliceBytes += state.byteLength;
  }
  if (slice.size > 0) fileBytes += await importFile(url, await token(), workspaceId, slice);
  return { noteIds: built.noteIds, collectionIds: built.collectionIds, fileBytes };
}
