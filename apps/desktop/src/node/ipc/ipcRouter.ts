import { FieldbookError, isFieldbookError, validationError } from '@fieldbook/shared';
import type { z } from 'zod';
import type { IpcChannel } from '../../common/ipcChannels';
import { IPC_INPUTS, type IpcOutputs } from '../../common/ipcContract';
import type { IpcResult } from '../../common/ipcResult';

/** One handler per channel, receiving input already validated by the channel's schema. */
export type IpcHandlers = {
  [C in IpcChannel]: (
    input: z.output<(typeof IPC_INPUTS)[C]>,
  ) => IpcOutputs[C] | Promise<IpcOutputs[C]>;
};

function errorResult(err: FieldbookError): IpcResult<never> {
  const { code, message, details } = err;
  return { ok: false, error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/**
 * Validates `rawInput` against the channel's schema, runs its handler and
 * wraps the outcome in an IpcResult. Input comes from the renderer, which main
 * does not trust: bad input becomes VALIDATION_ERROR, unknown channels
 * RESOURCE_NOT_FOUND, and unexpected failures INTERNAL_ERROR without their
 * text (it may hold paths); those go to `onUnexpected` for the log.
 */
export async function dispatchIpc(
  handlers: IpcHandlers,
  channel: string,
  rawInput: unknown,
  onUnexpected: (err: unknown) => void = (err) => console.error('IPC handler failed', err),
): Promise<IpcResult<unknown>> {
  try {
    if (!Object.hasOwn(IPC_INPUTS, channel)) {
      throw new FieldbookError('RESOURCE_NOT_FOUND', `Unknown IPC channel ${channel}`);
    }
    const name = channel as IpcChannel;
    const parsed = IPC_INPUTS[name].safeParse(rawInput);
    if (!parsed.success) throw validationError(`input for ${channel}`, parsed.error);
    const handle = handlers[name] as (input: unknown) => unknown;
    return { ok: true, value: await handle(parsed.data) };
  } catch (err) {
    if (isFieldbookError(err)) return errorResult(err);
    onUnexpected(err);
    return { ok: false, error: { code: 'INTERNAL_ERROR', message: 'Internal error' } };
  }
}
