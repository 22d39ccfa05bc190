import { z } from 'zod';

/** Every error code Fieldbook reports, with the HTTP status it travels under (seed 002's table and ours). */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  MODEL_INVALID_OPERATION: 400,
  AUTH_REQUIRED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_TOKEN_EXPIRED: 401,
  AUTH_TOKEN_INVALID: 401,
  AUTH_INSUFFICIENT_PERMISSIONS: 403,
  RESOURCE_NOT_FOUND: 404,
  CONFLICT: 409,
  REQUEST_TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  /** The tenant's attachment storage would pass its quota. */
  QUOTA_EXCEEDED: 413,
  WORKSPACE_FILE_INVALID: 422,
  /** Uploaded bytes do not hash to the sha256 the client claimed. */
  CONTENT_HASH_MISMATCH: 422,
  AUTH_ACCOUNT_LOCKED: 423,
  RATE_LIMIT_EXCEEDED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL_ERROR: 500,
  STORAGE_CORRUPT: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ErrorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

/** A typed, coded error: what failed (code), for whom (message), and the evidence (details). */
export class FieldbookError extends Error {
  override readonly name = 'FieldbookError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** The HTTP status this error's code travels under. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** True when `err` is a FieldbookError, optionally of one code. */
export function isFieldbookError(err: unknown, code?: ErrorCode): err is FieldbookError {
  return err instanceof FieldbookError && (code === undefined || err.code === code);
}

/** The wire shape of every REST error: `{"error":{"code","message","details","requestId"}}`. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Builds the REST error body for `err`; unknown errors become INTERNAL_ERROR without leaking their text. */
export function toErrorBody(err: unknown, requestId: string): ErrorBody {
  if (isFieldbookError(err)) {
    return {
      error: {
        code: err.code,
        message: err.message,
        ...(err.details === undefined ? {} : { details: err.details }),
        requestId,
      },
    };
  }
  return { error: { code: 'INTERNAL_ERROR', message: 'Internal error', requestId } };
}

/** Converts a failed zod parse into a VALIDATION_ERROR listing each bad field. */
export function validationError(what: string, error: z.ZodError): FieldbookError {
  const details = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return new FieldbookError('VALIDATION_ERROR', `Invalid ${what}`, details);
}
