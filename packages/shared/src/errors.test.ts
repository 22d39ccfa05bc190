import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ERROR_STATUS,
  ErrorBodySchema,
  FieldbookError,
  toErrorBody,
  validationError,
} from './errors';

describe('errors', () => {
  it('maps every code to an HTTP status', () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      expect(new FieldbookError(code as keyof typeof ERROR_STATUS, 'x').status).toBe(status);
      expect(status).toBeGreaterThanOrEqual(400);
    }
  });

  it('builds the wire body and hides unknown errors', () => {
    const body = toErrorBody(new FieldbookError('RESOURCE_NOT_FOUND', 'No such document'), 'req1');
    expect(ErrorBodySchema.parse(body).error.code).toBe('RESOURCE_NOT_FOUND');
    const hidden = toErrorBody(new Error('password=hunter2'), 'req2');
    expect(hidden.error.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(hidden)).not.toContain('hunter2');
  });

  it('lists the bad fields of a validation error', () => {
    const parsed = z.object({ email: z.email() }).safeParse({ email: 'nope' });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const err = validationError('signup', parsed.error);
    expect(err.code).toBe('VALIDATION_ERROR');
    expect(err.details).toEqual([expect.objectContaining({ path: 'email' })]);
  });
});
