import type { Readable } from 'node:stream';
import type { AnnotationFilter, DecimatedSeries, WorkspaceIndexSnapshot } from '@fieldbook/shared';
import type * as Y from 'yjs';

/**
 * Where an export reads a workspace from: the sync server's document store
 * or the desktop's local store. Documents are loaded one at a time and
 * dropped after use, so an export never holds the whole workspace.
 */
export interface ExportSource {
  readonly workspace: { id: string; name: string };
  /** The workspace index (documents, folders). */
  index(): Promise<WorkspaceIndexSnapshot>;
  /** A document's current state, or null when none is stored. The caller destroys it when done. */
  loadDocument(id: string): Promise<Y.Doc | null>;
  /** A display name for a user id (the id itself when unknown). */
  personName(userId: string): Promise<string>;
  /** An attachment's bytes, or null when this store does not hold them. */
  openAttachment?(hash: string): Promise<Readable | null>;
  /** Min/max-decimated samples of a channel over [from, to], or null (unknown channel, no telemetry). */
  samples?(
    channelId: string,
    from: number,
    to: number,
    maxPoints: number,
  ): Promise<DecimatedSeries | null>;
  /** A channel's human label (key and unit), or null when unknown. */
  channelLabel?(channelId: string): Promise<string | null>;
}

/** The newest audit-chain entry when the export was made, for the report's title page. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Who asked for an export, when, and with which filter. */
export interface ExportContext {
  exportedBy: string;
  exportedAt: number;
  filter: AnnotationFilter;
  /** The tenant's audit-chain head (PDF title page), when known. */
  auditHead?: ChainHead | null;
  /** Stops the export between items; the output is then incomplete and must be discarded. */
  signal?: AbortSignal;
}
