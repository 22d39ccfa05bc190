import * as Y from 'yjs';
import {
  actorOrigin,
  createDocumentEntry,
  diffSnapshots,
  kindOf,
  readDocumentEntry,
  readKindAt,
  serverClient,
} from '@fieldbook/crdt-model';
import { FieldbookError, newId, type DocDiff } from '@fieldbook/shared';
import type { DocumentRef } from '../storage/docStore';
import type { ChangeApplier, HistoryService } from './historyService';
import type { Branch, HistoryStore } from './historyStore';

// Branches of annotation collections. A fork is a new document holding the
// source's items as they were at a version (same Yjs ids), so a merge back is
// a Yjs merge: what the branch has that the source lacks, applied to the
// source as one forward change through its hub. The source keeps its own
// name and other metadata; only annotations travel.

/** What the branch service works on. */
export interface BranchDeps {
  history: HistoryService;
  store: HistoryStore;
  change: ChangeApplier;
}

/** A branch with the title its listing got at the fork. */
export type ForkedBranch = Branch & { title: string };

const MAX_TITLE = 500;
const notABranch = () => new FieldbookError('RESOURCE_NOT_FOUND', 'Branch not found');

/** The collection's metadata as plain values, to keep it through a merge. */
function metaOf(doc: Y.Doc): Map<string, unknown> {
  return new Map(doc.getMap('meta').entries());
}

/**
 * Applies to `doc` (a source's state) what `branch` holds that it lacks, in
 * one transaction, and puts back any metadata the branch changed (a
 * branch's name is its own). Changes nothing when the branch adds nothing.
 */
export function mergeBranchInto(doc: Y.Doc, branch: Y.Doc, origin: unknown): void {
  const missing = Y.encodeStateAsUpdate(branch, Y.encodeStateVector(doc));
  doc.transact(() => {
    const before = metaOf(doc);
    Y.applyUpdate(doc, missing);
    const meta = doc.getMap('meta');
    for (const key of new Set([...before.keys(), ...meta.keys()])) {
      const was = before.get(key);
      if (meta.get(key) === was) continue;
      if (was === undefined) meta.delete(key);
      else meta.set(key, was);
    }
  }, origin);
}

/** Forks, compares and merges back branches of annotation collections. Callers authorize. */
export class BranchService {
  constructor(private readonly deps: BranchDeps) {}

  /**
   * Forks collection `ref` at version `version` into a new document of the
   * same workspace, listed beside the source (in its folder) as `title`.
   */
  async fork(
    ref: DocumentRef,
    version: string,
    actor: string,
    title?: string,
  ): Promise<ForkedBranch> {
    const v = await this.deps.history.resolve(ref, version);
    if (kindOf(v.held.doc) !== 'annotations') {
      throw new FieldbookError('CONFLICT', 'Only annotation collections can be branched');
    }
    const base = Y.createDocFromSnapshot(v.held.doc, v.at);
    const state = Y.encodeStateAsUpdate(base);
    base.destroy();
    const branch: Branch = {
      docId: newId(),
      sourceId: ref.docId,
      baseVersion: v.id,
      baseSeq: v.seq,
      createdBy: actor,
      createdAt: Date.now(),
      merged: null,
    };
    const by = { actor, client: serverClient('fork', ref.docId) };
    await this.deps.change({ ...ref, docId: branch.docId }, by, (doc) => Y.applyUpdate(doc, state));
    await this.deps.store.addBranch(ref.workspaceId, branch);
    let listed = title ?? '';
    const index = { ...ref, docId: ref.workspaceId };
    await this.deps.change(index, by, (doc) => {
      if (kindOf(doc) !== 'workspace') return;
      const source = readDocumentEntry(doc, ref.docId);
      const name = String(v.held.doc.getMap('meta').get('name') ?? 'Annotations');
      listed ||= `${source?.title || name} (branch)`.slice(0, MAX_TITLE);
      createDocumentEntry(
        doc,
        {
          id: branch.docId,
          kind: 'annotations',
          title: listed,
          folderId: source?.folderId ?? null,
        },
        actorOrigin(actor),
      );
    });
    return { ...branch, title: listed };
  }

  /** The branch record of `ref`; RESOURCE_NOT_FOUND when it is not a branch. */
  async branchOf(ref: DocumentRef): Promise<Branch> {
    const found = await this.deps.store.getBranch(ref);
    if (!found) throw notABranch();
    return found;
  }

  /** The branches of source `ref`, newest first. */
  list(ref: DocumentRef, limit: number): Promise<Branch[]> {
    return this.deps.store.listBranches(ref, limit);
  }

  private async both(ref: DocumentRef) {
    const branch = await this.branchOf(ref);
    const source = { ...ref, docId: branch.sourceId };
    await this.deps.history.requireDocument(source);
    const [theirs, ours] = await Promise.all([
      this.deps.history.indexer.historyDoc(source),
      this.deps.history.indexer.historyDoc(ref),
    ]);
    return { branch, source, sourceDoc: theirs.doc, branchDoc: ours.doc };
  }

  /** What differs from the source as it is now to the branch as it is now. */
  async diff(ref: DocumentRef): Promise<DocDiff> {
    const { sourceDoc, branchDoc } = await this.both(ref);
    return diffSnapshots(
      'annotations',
      readKindAt(sourceDoc, 'annotations', null),
      readKindAt(branchDoc, 'annotations', null),
    );
  }

  /** What merging the branch back would change in the source now (nothing is stored). */
  async preview(ref: DocumentRef): Promise<DocDiff> {
    const { sourceDoc, branchDoc } = await this.both(ref);
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(sourceDoc));
      const before = readKindAt(copy, 'annotations', null);
      mergeBranchInto(copy, branchDoc, null);
      return diffSnapshots('annotations', before, readKindAt(copy, 'annotations', null));
    } finally {
      copy.destroy();
    }
  }

  /**
   * Merges the branch back into its source as one forward change through
   * the source's hub, as `actor`; answers the source and the merge's seq
   * (null: the source already had everything).
   */
  async merge(
    ref: DocumentRef,
    actor: string,
  ): Promise<{ source: string; seq: number | null; branch: Branch }> {
    const { branch, source, branchDoc } = await this.both(ref);
    const origin = actorOrigin(actor);
    const by = { actor, client: serverClient('merge', ref.docId) };
    const seq = await this.deps.change(source, by, (doc) =>
      mergeBranchInto(doc, branchDoc, origin),
    );
    if (seq === null) return { source: source.docId, seq, branch };
    const merged = { seq, by: actor, at: Date.now() };
    await this.deps.store.recordMerge(ref, merged);
    return { source: source.docId, seq, branch: { ...branch, merged } };
  }
}
