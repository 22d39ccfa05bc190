import {
  AnnotationCollectionSnapshotSchema,
  DocDiffSchema,
  HistoryEntrySchema,
  NoteSnapshotSchema,
  TelemetryViewSnapshotSchema,
  VersionSchema,
  WorkspaceIndexSnapshotSchema,
  isFieldbookError,
  type DocDiff,
  type HistoryEntry,
  type Version,
} from '@fieldbook/shared';
import { z } from 'zod';
import { ServerApi } from '../session/serverApi';

const page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const EntryPage = page(HistoryEntrySchema);
const VersionPage = page(VersionSchema);

/** A version's snapshot, read by its kind's schema. */
export const VersionSnapshotSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string(),
    seq: z.number(),
    kind: z.literal('note'),
    snapshot: NoteSnapshotSchema,
  }),
  z.object({
    id: z.string(),
    seq: z.number(),
    kind: z.literal('annotations'),
    snapshot: AnnotationCollectionSnapshotSchema,
  }),
  z.object({
    id: z.string(),
    seq: z.number(),
    kind: z.literal('view'),
    snapshot: TelemetryViewSnapshotSchema,
  }),
  z.object({
    id: z.string(),
    seq: z.number(),
    kind: z.literal('workspace'),
    snapshot: WorkspaceIndexSnapshotSchema,
  }),
]);
export type VersionSnapshot = z.infer<typeof VersionSnapshotSchema>;

const Restored = z.object({
  version: z.string(),
  versionSeq: z.number(),
  seq: z.number().nullable(),
});
/** What a restore answers: the version brought back and the restore's own seq (null: no change). */
export type Restored = z.infer<typeof Restored>;

const BranchSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  baseVersion: z.string(),
  baseSeq: z.number(),
  createdBy: z.string(),
  createdAt: z.number(),
  merged: z.object({ seq: z.number(), by: z.string(), at: z.number() }).nullable(),
});
/** A branch of an annotation collection: its source, base version and latest merge back. */
export type Branch = z.infer<typeof BranchSchema>;
const Forked = BranchSchema.extend({ title: z.string() });
const Merged = z.object({ source: z.string(), seq: z.number().nullable(), branch: BranchSchema });

/** The history routes of one document on the sync server (DESIGN.md "Stable surface"). */
export class HistoryApi extends ServerApi {
  constructor(
    serverUrl: string,
    accessToken: () => string | null,
    private readonly workspaceId: string,
    private readonly docId: string,
  ) {
    super(serverUrl, accessToken);
  }

  private get base(): string {
    return `/workspaces/${this.workspaceId}/documents/${this.docId}`;
  }

  /** A page of history entries, newest first. */
  entries(
    cursor: string | null,
    limit = 50,
  ): Promise<{ items: HistoryEntry[]; nextCursor: string | null }> {
    const q = new URLSearchParams({ limit: String(limit) });
    if (cursor) q.set('cursor', cursor);
    return this.request('GET', `${this.base}/history?${q.toString()}`, EntryPage);
  }

  /** The newest versions (named and automatic). */
  versions(limit = 100): Promise<{ items: Version[] }> {
    return this.request('GET', `${this.base}/versions?limit=${limit}`, VersionPage);
  }

  /** Names the document's current state. */
  nameVersion(name: string): Promise<Version> {
    return this.request('POST', `${this.base}/versions`, VersionSchema, { name });
  }

  /** The document as it was at a version. */
  snapshot(version: string): Promise<VersionSnapshot> {
    return this.request('GET', `${this.base}/versions/${version}`, VersionSnapshotSchema);
  }

  /** What changed from version `a` to version `b`. */
  diff(a: string, b: string): Promise<DocDiff> {
    return this.request('GET', `${this.base}/versions/${a}/diff/${b}`, DocDiffSchema);
  }

  /** Brings a version back as a new change. */
  restore(version: string): Promise<Restored> {
    return this.request('POST', `${this.base}/versions/${version}/restore`, Restored);
  }

  /** Brings one annotation back as it was at a version, leaving the others as they are. */
  restoreAnnotation(annotationId: string, version: string): Promise<Restored> {
    return this.request('POST', `${this.base}/annotations/${annotationId}/restore`, Restored, {
      version,
    });
  }

  /** Forks this collection at `version` into a new document, listed as `title` (default: "… (branch)"). */
  fork(version: string, title?: string): Promise<z.infer<typeof Forked>> {
    return this.request('POST', `${this.base}/branches`, Forked, { version, title });
  }

  /** This document's branch record, or null when it is no branch. */
  async branch(): Promise<Branch | null> {
    try {
      return await this.request('GET', `${this.base}/branch`, BranchSchema);
    } catch (err) {
      if (isFieldbookError(err) && err.code === 'RESOURCE_NOT_FOUND') return null;
      throw err;
    }
  }

  /** What differs from this branch's source to this branch, both as they are now. */
  branchDiff(): Promise<DocDiff> {
    return this.request('GET', `${this.base}/branch/diff`, DocDiffSchema);
  }

  /** What merging this branch back would change in its source now. */
  mergePreview(): Promise<DocDiff> {
    return this.request('GET', `${this.base}/branch/merge-preview`, DocDiffSchema);
  }

  /** Merges this branch back into its source as one change. */
  merge(): Promise<z.infer<typeof Merged>> {
    return this.request('POST', `${this.base}/branch/merge`, Merged);
  }
}
