import { FieldbookError } from '@fieldbook/shared';

/**
 * The orderings a page position belongs to: by score within the rank window
 * (`rank`), by row age past it or for stop-word queries (`older`), by update
 * time without terms (`recent`).
 */
export type PageOrder = 'rank' | 'older' | 'recent';

/** A decoded page position: its ordering, the sort value and the row id of the last hit. */
export interface PagePosition {
  order: PageOrder;
  value: number;
  id: number;
}

/** Encodes a page position (opaque to clients). */
export function writeCursor(order: PageOrder, value: number, id: number): string {
  return JSON.stringify([order, value, id]);
}

/**
 * The position written for one of `orders`; null for the first page. A
 * position of another ordering (the query changed between pages) or not
 * written here is a VALIDATION_ERROR.
 */
export function readCursor(
  after: string | null,
  orders: readonly PageOrder[],
): PagePosition | null {
  if (after === null) return null;
  try {
    const parsed: unknown = JSON.parse(after);
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      orders.includes(parsed[0] as PageOrder) &&
      typeof parsed[1] === 'number' &&
      Number.isInteger(parsed[2])
    ) {
      return { order: parsed[0] as PageOrder, value: parsed[1], id: parsed[2] as number };
    }
  } catch {
    // not a position this index wrote
  }
  throw new FieldbookError(
    'VALIDATION_ERROR',
    'malformed cursor: pass back the nextCursor of the same search unchanged',
    { field: 'cursor' },
  );
}
