// Test helper: a workspace held in memory, as a WorkspaceSource.
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { FileAttachment } from './format';
import type { WorkspaceSource } from './writeWorkspaceFile';

/** A workspace in memory: documents as Y.Docs, attachments by hash. */
export class MemoryWorkspace implements WorkspaceSource {
  readonly docs = new Map<string, Y.Doc>();
  readonly attachments = new Map<string, FileAttachment>();

  /** Edits (creating when new) the document `id`. */
  edit(id: string, change: (doc: Y.Doc) => void): void {
    const doc = this.docs.get(id) ?? new Y.Doc();
    this.docs.set(id, doc);
    change(doc);
  }

  /** Adds an attachment; returns its hash. */
  attach(bytes: Uint8Array, mimeType: string): string {
    const hash = createHash('sha256').update(bytes).digest('hex');
    this.attachments.set(hash, { hash, mimeType, bytes });
    return hash;
  }

  async documentIds() {
    return [...this.docs.keys()];
  }
  async documentState(id: string) {
    const doc = this.docs.get(id);
    return doc ? Y.encodeStateAsUpdate(doc) : null;
  }
  async attachmentHashes() {
    return [...this.attachments.keys()];
  }
  async attachment(hash: string) {
    return this.attachments.get(hash) ?? null;
  }
}
