import { FieldbookError, type ErrorCode } from '@fieldbook/shared';

/**
 * What every IPC call returns. Electron flattens an error thrown in a handler
 * into a bare message, so handlers answer with an envelope that keeps the code.
 */
export type IpcResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly error: {
        readonly code: ErrorCode;
        readonly message: string;
        readonly details?: unknown;
      };
    };

/** Returns the value of an IPC result, or throws its error as a FieldbookError. */
export function unwrapIpcResult<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new FieldbookError(result.error.code, result.error.message, result.error.details);
}
