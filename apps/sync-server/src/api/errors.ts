import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { FieldbookError, isFieldbookError, toErrorBody, validationError } from '@fieldbook/shared';
import type { z } from 'zod';
import { isPostgresUnavailable } from '../postgres/unavailable';
import { retryAfterOf } from '../rateLimit/rateLimiter';
import type { ApiEnv } from './env';

/** Something that can take an unexpected error (the server's logger). */
export type ErrorReporter = (err: unknown, requestId: string) => void;

/**
 * Turns any thrown error into DESIGN.md's error body with the status of its
 * code, a Retry-After header on 429/423, and the request id. Errors that are
 * not FieldbookErrors are reported, never shown, and become INTERNAL_ERROR,
 * or SERVICE_UNAVAILABLE (503) when PostgreSQL cannot be reached.
 */
export function errorResponder(report: ErrorReporter) {
  return (err: Error, c: Context<ApiEnv>) => {
    const requestId = c.get('requestId') ?? 'unknown';
    let error: unknown = err;
    if (err instanceof HTTPException && err.status < 500) {
      error = new FieldbookError(
        err.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_ERROR',
        err.message || 'Bad request',
      );
    }
    if (!isFieldbookError(error)) report(err, requestId);
    if (!isFieldbookError(error) && isPostgresUnavailable(error)) {
      error = new FieldbookError(
        'SERVICE_UNAVAILABLE',
        'The database is unavailable; try again later',
        {
          database: 'postgres',
        },
      );
    }
    const body = toErrorBody(error, requestId);
    if (isFieldbookError(error)) {
      const retryAfter = retryAfterOf(error);
      if (retryAfter !== undefined) c.header('Retry-After', String(retryAfter));
    }
    const status = (isFieldbookError(error) ? error.status : 500) as ContentfulStatusCode;
    return c.json(body, status);
  };
}

/** Unknown routes: the same 404 body as any other missing resource. */
export function notFoundResponder(c: Context<ApiEnv>) {
  return c.json(
    toErrorBody(
      new FieldbookError('RESOURCE_NOT_FOUND', 'Resource not found'),
      c.get('requestId') ?? 'unknown',
    ),
    404,
  );
}

/** zod-openapi hook: a failed request validation becomes a VALIDATION_ERROR listing each bad field. */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError },
  _c: Context,
): void {
  if (!result.success) throw validationError('request', result.error);
}
