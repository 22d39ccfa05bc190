import { z } from '@hono/zod-openapi';
import {
  CommandSchema,
  CommandStateSchema,
  CommandTransitionSchema,
  RunSchema,
} from '@fieldbook/shared';
import { Id, Millis, PageQuery } from '../../api/schemas';

/** Route parameters and bodies of the instrument, command and run routes, described once. */

export const security = [{ bearer: [] }];
export const WsParams = z.object({ ws: Id.openapi({ param: { name: 'ws', in: 'path' } }) });
export const IdParams = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });

export const Instrument = z
  .object({
    id: Id,
    workspaceId: Id.nullable(),
    agentId: z.string(),
    key: z.string(),
    name: z.string(),
    model: z.string().nullable(),
    connection: z.enum(['ONLINE', 'STALE', 'OFFLINE']),
    state: z.string().nullable(),
    alarms: z.array(z.unknown()),
    lastSeenAt: Millis.nullable(),
    spec: z.record(z.string(), z.unknown()).openapi({
      description:
        'The manifest entry: channels (with limits), commands (parameter schema, hazard), QC limits',
    }),
  })
  .openapi('Instrument');

// The shared wire schemas, re-made with the OpenAPI-aware zod so they are named components.
export const Command = z.object(CommandSchema.shape).openapi('Command');
export const CommandWithHistory = z
  .object({ ...CommandSchema.shape, transitions: z.array(CommandTransitionSchema) })
  .openapi('CommandWithTransitions');
export const Run = z.object(RunSchema.shape).openapi('Run');

/** `?state=a,b`: a comma-separated list of command states. */
export const CommandQuery = PageQuery.extend({
  state: z
    .string()
    .max(300)
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const parsed = z.array(CommandStateSchema).safeParse(s.split(','));
      if (!parsed.success) {
        ctx.addIssue({
          code: 'custom',
          message: `state must list ${CommandStateSchema.options.join(', ')}`,
        });
        return z.NEVER;
      }
      return parsed.data;
    })
    .openapi({ description: 'comma-separated states, e.g. awaiting_approval', type: 'string' }),
});

export const CommandBody = z.object({
  command: z
    .string()
    .min(1)
    .max(200)
    .openapi({ description: "a command id of the instrument's manifest" }),
  params: z.record(z.string(), z.unknown()).default({}),
  note: z.string().max(2000).optional(),
  commandId: Id.optional().openapi({
    description: 'idempotency key: a retry with the same id returns the same command',
  }),
  expiresInSec: z.number().int().min(1).max(86_400).optional().openapi({
    description:
      'seconds the command may wait for approval and acknowledgement (default 300; hazardous 900)',
  }),
});

export const ReasonBody = z.object({ reason: z.string().max(1000).optional() });

export const StartRunBody = z.object({
  instrumentId: Id,
  protocol: z.string().min(1).max(200),
  parameters: z.record(z.string(), z.unknown()).default({}),
  note: z.string().max(2000).optional(),
  commandId: Id.optional(),
});
