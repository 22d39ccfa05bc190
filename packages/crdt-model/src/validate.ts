import type { z } from 'zod';
import { FieldbookError } from '@fieldbook/shared';

/**
 * Parses a mutation's input before any transaction opens, so bad input throws
 * VALIDATION_ERROR (naming the first bad field) and never touches the document.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = details[0];
  const where = first && first.path ? `${first.path}: ` : '';
  throw new FieldbookError(
    'VALIDATION_ERROR',
    `Invalid ${what}: ${where}${first?.message ?? 'bad input'}`,
    details,
  );
}

/** The error for an operation on an id the document does not hold. */
export function notFound(what: string, id: string): FieldbookError {
  return new FieldbookError('RESOURCE_NOT_FOUND', `No ${what} with id ${id}`, { id });
}

/** The error for well-formed input that the document's current state does not allow. */
export function invalidOperation(message: string, details?: unknown): FieldbookError {
  return new FieldbookError('MODEL_INVALID_OPERATION', message, details);
}
