import { FieldbookError, isFieldbookError, validationError } from '@fieldbook/shared';
import type { z } from 'zod';
import type { IpcResult } from '../../common/ipcResult';

/** One IPC endpoint: the schema its argument must match and the work it does. */
export interface IpcRoute<S extends z.ZodType = z.ZodType, R = unknown> {
  readonly input: S;
  readonly handle: (input: z.infer<S>) => R | Promise<R>;
}

/** Declares a route with its input type inferred from the schema. */
export function route<S extends z.ZodType, R>(
  input: S,
  handle: (input: z.infer<S>) => R | Promise<R>,
): IpcRoute<S, R> {
  return { input, handle };
}

/**
 * Validates `rawInput` against the route's schema, runs it and wraps the
 * outcome in an IpcResult. Input comes from the renderer, which main does not
 * trust: bad input becomes VALIDATION_ERROR, unknown channels RESOURCE_NOT_FOUND,
 * and unexpected failures INTERNAL_ERROR without their text (it may hold paths).
 */
export async function dispatchIpc(
  routes: Readonly<Record<string, IpcRoute>>,
  channel: string,
  rawInput: unknown,
  onUnexpected: (err: unknown) => void = (err) => console.error('IPC handler failed', err),
): Promise<IpcResult<unknown>> {
  try {
    const target = Object.hasOwn(routes, channel) ? routes[channel] : undefined;
    if (!target) throw new FieldbookError('RESOURCE_NOT_FOUND', `Unknown IPC channel ${channel}`);
    const parsed = target.input.safeParse(rawInput);
    if (!parsed.success) throw validationError(`input for ${channel}`, parsed.error);
    return { ok: true, value: await target.handle(parsed.data) };
  } catch (err) {
    if (isFieldbookError(err)) {
      return {
        ok: false,
        error: {
          code: err.code,
          message: err.message,
          ...(err.details === undefined ? {} : { details: err.details }),
        },
      };
    }
    onUnexpected(err);
    return { ok: false, error: { code: 'INTERNAL_ERROR', message: 'Internal error' } };
  }
}
