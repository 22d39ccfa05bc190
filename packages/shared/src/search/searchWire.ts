import { z } from 'zod';
import { IdSchema } from '../ids';
import { AnnotationStatusSchema, TagSchema } from '../documents';

/** What a search hit is: a note, an annotation, or a comment on an annotation. */
export const SEARCH_KINDS = ['note', 'annotation', 'comment'] as const;
export const SearchKindSchema = z.enum(SEARCH_KINDS);
export type SearchKind = z.infer<typeof SearchKindSchema>;

/**
 * Narrowing of a search, the same online (REST query parameters) and offline.
 * Lists match any of their values, except `tags`: a hit carries all of them.
 * `from`/`to` (epoch ms) meet an annotation's (or a comment's annotation's)
 * time span, or a note's last update.
 */
export const SearchFiltersSchema = z.object({
  kind: z.array(SearchKindSchema).max(3).optional(),
  tags: z.array(TagSchema).max(16).optional(),
  author: z.array(z.string().min(1).max(200)).max(16).optional(),
  status: z.array(AnnotationStatusSchema).max(2).optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  /** Include documents in the trash (default: left out). */
  includeTrashed: z.boolean().optional(),
});
export type SearchFilters = z.infer<typeof SearchFiltersSchema>;

/** One result of a search. Ids say where to open it; `snippet` says why it matched. */
export const SearchHitSchema = z.object({
  kind: SearchKindSchema,
  documentId: IdSchema,
  annotationId: IdSchema.nullable(),
  commentId: IdSchema.nullable(),
  /** The note's or annotation's title (a comment: its annotation's). */
  title: z.string(),
  /** HTML-escaped passage with each matched word in `<mark>…</mark>`. */
  snippet: z.string(),
  tags: z.array(z.string()),
  author: z.string(),
  status: AnnotationStatusSchema.nullable(),
  channels: z.array(z.string()),
  /** The annotation's time span (epoch ms), null for notes. */
  from: z.number().nullable(),
  to: z.number().nullable(),
  updatedAt: z.number(),
  trashed: z.boolean(),
  /** Higher is better; comparable only within one result list. */
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

/** The identity of a hit, the same on the server and offline (for merging both). */
export function hitKey(hit: Pick<SearchHit, 'documentId' | 'annotationId' | 'commentId'>): string {
  return `${hit.documentId}/${hit.annotationId ?? ''}/${hit.commentId ?? ''}`;
}

/**
 * Server hits and offline hits as one list without duplicates: the server's
 * order (it saw everyone's changes), then what only this device holds
 * (created or changed offline), in offline order. A hit present in both
 * keeps the local copy's content when that is newer.
 */
export function mergeHits(server: readonly SearchHit[], local: readonly SearchHit[]): SearchHit[] {
  const localByKey = new Map(local.map((h) => [hitKey(h), h]));
  const seen = new Set<string>();
  const merged: SearchHit[] = [];
  for (const hit of server) {
    const key = hitKey(hit);
    if (seen.has(key)) continue;
    seen.add(key);
    const mine = localByKey.get(key);
    merged.push(mine && mine.updatedAt > hit.updatedAt ? { ...mine, score: hit.score } : hit);
  }
  for (const hit of local) {
    const key = hitKey(hit);
    if (!seen.has(key)) {
      seen.add(key);
      merged.push(hit);
    }
  }
  return merged;
}
