import { z } from '@hono/zod-openapi';
import { textProblem } from '@fieldbook/shared';

const BASE64URL = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * The one page-cursor codec of the REST API: a cursor is opaque to clients,
 * base64url of the JSON `[key]` where `key` is what the store pages by (an id,
 * a seq). Encoding the key keeps clients from building cursors and lets every
 * list refuse a cursor it did not make.
 */
export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify([key]), 'utf8').toString('base64url');
}

/** The key inside `cursor`, or undefined when it is not a cursor this codec made. */
function decodeCursor(cursor: string): unknown {
  if (!BASE64URL.test(cursor)) return undefined;
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.toString('base64url') !== cursor) return undefined;
  try {
    const json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (textProblem(json)) return undefined;
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) && parsed.length === 1 ? parsed[0] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `cursor` query parameter of a list paged by `key`: decodes to the key,
 * and a malformed cursor is a VALIDATION_ERROR (400) naming `cursor`.
 */
export function cursorParam<K extends z.ZodType<string | number>>(key: K) {
  return z
    .string()
    .transform((cursor, ctx): z.output<K> => {
      const parsed = key.safeParse(decodeCursor(cursor));
      if (parsed.success) return parsed.data;
      ctx.addIssue({
        code: 'custom',
        message: 'malformed cursor: pass back a nextCursor unchanged',
      });
      return z.NEVER;
    })
    .optional()
    .openapi({
      type: 'string',
      description: 'opaque; the nextCursor of the previous page',
    });
}

/** `?cursor=&limit=` of a list paged by `key`. */
export function pageQuery<K extends z.ZodType<string | number>>(
  key: K,
  limits: { max: number; fallback: number } = { max: 200, fallback: 50 },
) {
  return z.object({
    cursor: cursorParam(key),
    limit: z.coerce.number().int().min(1).max(limits.max).default(limits.fallback),
  });
}

/** A store's page with its next key encoded as a cursor. */
export function withCursor<T>(page: { items: T[]; nextCursor: string | number | null }): {
  items: T[];
  nextCursor: string | null;
} {
  return {
    items: page.items,
    nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor),
  };
}
