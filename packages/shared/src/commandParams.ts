import { z } from 'zod';
import type { CommandSpec } from './agentProtocol/manifest';
import { FieldbookError, validationError } from './errors';

/** Schemas already made, by the JSON text of their JSON Schema (converting costs more than checking). */
const made = new Map<string, z.ZodType>();

/**
 * The zod schema of a command's parameters, made from the JSON Schema in the
 * agent's manifest. An empty schema (`{}`) means "no parameters": only an
 * empty object passes. Server and UI check with the same function, so a form
 * shows exactly the errors the server would give.
 */
export function commandParamsSchema(spec: Pick<CommandSpec, 'parameterSchema'>): z.ZodType {
  if (Object.keys(spec.parameterSchema).length === 0) return z.object({}).strict();
  const key = JSON.stringify(spec.parameterSchema);
  const cached = made.get(key);
  if (cached) return cached;
  try {
    const schema = z.fromJSONSchema(spec.parameterSchema as Parameters<typeof z.fromJSONSchema>[0]);
    if (made.size >= 1000) made.delete(made.keys().next().value!);
    made.set(key, schema);
    return schema;
  } catch (error) {
    throw new FieldbookError(
      'VALIDATION_ERROR',
      "The command's parameter schema cannot be read",
      String(error),
    );
  }
}

/** The parameters when they fit the command's schema; a VALIDATION_ERROR naming each bad field otherwise. */
export function checkCommandParams(
  spec: Pick<CommandSpec, 'id' | 'parameterSchema'>,
  params: unknown,
): Record<string, unknown> {
  const parsed = commandParamsSchema(spec).safeParse(params);
  if (!parsed.success) throw validationError(`parameters of ${spec.id}`, parsed.error);
  const value = parsed.data;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new FieldbookError('VALIDATION_ERROR', `Parameters of ${spec.id} must be an object`);
  return value as Record<string, unknown>;
}
