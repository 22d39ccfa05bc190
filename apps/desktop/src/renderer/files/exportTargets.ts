import type { AnnotationFilter } from '@fieldbook/shared';

/** What the export dialog can write. */
export type ExportKind = 'annotations' | 'fieldbook' | 'eln' | 'markdown' | 'note';

/** The annotation file formats of the server's export route. */
export type AnnotationFormat = 'json' | 'csv' | 'xlsx' | 'pdf';

/** One export the user asked for. */
export interface ExportRequest {
  readonly kind: ExportKind;
  readonly format: AnnotationFormat;
  readonly filter: AnnotationFilter;
  /** Markdown of one folder (and its subfolders) instead of the whole workspace. */
  readonly folderId: string | null;
  /** The note for `note`. */
  readonly docId: string | null;
  /** `note`: a ZIP with the note's attachments beside it. */
  readonly withAttachments: boolean;
}

/** The API path (under /api/v1) of an export, filters as query parameters. */
export function exportPath(workspaceId: string, r: ExportRequest): string {
  const ws = `/workspaces/${workspaceId}`;
  if (r.kind === 'note')
    return `${ws}/documents/${r.docId}/markdown${r.withAttachments ? '?bundle=zip' : ''}`;
  if (r.kind === 'markdown')
    return `${ws}/export?format=markdown${r.folderId ? `&folder=${r.folderId}` : ''}`;
  if (r.kind !== 'annotations') return `${ws}/export?format=${r.kind}`;
  const q = new URLSearchParams({ format: r.format });
  const f = r.filter;
  if (f.collections?.length) q.set('collections', f.collections.join(','));
  if (f.tags?.length) q.set('tags', f.tags.join(','));
  if (f.author) q.set('author', f.author);
  if (f.status) q.set('status', f.status);
  if (f.from !== undefined) q.set('from', String(f.from));
  if (f.to !== undefined) q.set('to', String(f.to));
  if (f.channels?.length) q.set('channels', f.channels.join(','));
  return `${ws}/annotations/export?${q.toString()}`;
}

/** A file name to offer when the server names none. */
export function fallbackName(r: ExportRequest, workspaceName: string): string {
  const stem = workspaceName.replace(/[\\/:*?"<>|]+/g, '_').trim() || 'workspace';
  if (r.kind === 'annotations') return `${stem} annotations.${r.format}`;
  if (r.kind === 'note') return r.withAttachments ? 'note.zip' : 'note.md';
  if (r.kind === 'markdown') return `${stem} notes.zip`;
  return `${stem}.${r.kind}`;
}
