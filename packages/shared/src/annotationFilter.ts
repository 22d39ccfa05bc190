import { z } from 'zod';
import { IdSchema } from './ids';
import { anchorSpan, AnnotationStatusSchema, TagSchema, type Annotation } from './documents';

// The annotation filter: the one rule for which annotations a panel shows and
// an export carries. Used by the app's annotation panel, the export dialog and
// the server's export routes, so "what I see" and "what I export" never differ.

/** A filter over annotations; an absent or empty field matches everything. */
export const AnnotationFilterSchema = z.object({
  /** Annotation collections (document ids) to take annotations from. */
  collections: z.array(IdSchema).max(500).optional(),
  /** Annotations carrying any of these tags. */
  tags: z.array(TagSchema).max(64).optional(),
  /** Annotations by this author (user id). */
  author: z.string().min(1).max(200).optional(),
  status: AnnotationStatusSchema.optional(),
  /** Epoch ms: the annotation's time span must meet [from, to]. */
  from: z.number().finite().optional(),
  to: z.number().finite().optional(),
  /** Annotations anchored on any of these channels. */
  channels: z.array(z.string().min(1).max(200)).max(64).optional(),
});
export type AnnotationFilter = z.infer<typeof AnnotationFilterSchema>;

/** Whether the filter lets annotation `a` of collection `collectionId` through. */
export function annotationMatches(
  f: AnnotationFilter,
  a: Annotation,
  collectionId: string,
): boolean {
  if (f.collections?.length && !f.collections.includes(collectionId)) return false;
  if (f.tags?.length && !f.tags.some((t) => a.tags.includes(t))) return false;
  if (f.author && a.author !== f.author) return false;
  if (f.status && a.status !== f.status) return false;
  if (f.channels?.length && !f.channels.some((c) => a.anchor.channels.includes(c))) return false;
  const [lo, hi] = anchorSpan(a.anchor);
  if (f.from !== undefined && hi < f.from) return false;
  if (f.to !== undefined && lo > f.to) return false;
  return true;
}

/** Whether the filter narrows anything (false: it matches every annotation). */
export function isFiltering(f: AnnotationFilter): boolean {
  return Boolean(
    f.collections?.length ||
    f.tags?.length ||
    f.author ||
    f.status ||
    f.from !== undefined ||
    f.to !== undefined ||
    f.channels?.length,
  );
}
