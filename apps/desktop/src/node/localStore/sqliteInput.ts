import { IdSchema } from '@fieldbook/shared';
import { z } from 'zod';

// What the SQLite store accepts from its callers (checked before any SQL) and
// the shape of its `docs` rows.

/** A batch of updates to append. */
export const UpdatesSchema = z.array(
  z.object({
    docId: IdSchema,
    workspaceId: IdSchema,
    update: z.instanceof(Uint8Array).refine((u) => u.byteLength > 0, 'an update is never empty'),
    source: z.enum(['local', 'server']),
    actor: z.string().min(1).nullish(),
  }),
);

/** A document reference. */
export const RefSchema = z.object({ docId: IdSchema, workspaceId: IdSchema });

/** A page of history rows: after which seq (null: from the start, row 0 included), how many. */
export const HistoryPageSchema = z.object({
  id: IdSchema,
  after: z.number().int().nonnegative().nullable(),
  limit: z.number().int().positive().max(10_000),
});

/** A row of the `docs` table. */
export interface DocRow {
  doc_id: string;
  workspace_id: string;
  last_seq: number;
  updated_at: number;
  updates_since_snapshot: number;
  bytes_since_snapshot: number;
}
