import { z } from '@hono/zod-openapi';
import {
  CommandSchema,
  CommandStateSchema,
  CommandTransitionSchema,
  RunSchema,
  text,
  textProblem,
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

/** A JSON object whose every string, however deep, passes the text rule. */
const JsonParams = z
  .record(z.string(), z.unknown())
  .superRefine((value, ctx) => {
    const walk = (v: unknown, path: (string | number)[]): void => {
      if (typeof v === 'string') {
        const problem = textProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, path });
      } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(value, []);
  })
  .default({});

export const CommandBody = z.object({
  command: text().min(1).max(200).describe("a command id of the instrument's manifest"),
  params: JsonParams,
  note: text().max(2000).optional(),
  commandId: Id.optional().openapi({
    description: 'idempotency key: a retry with the same id returns the same command',
  }),
  expiresInSec: z.number().int().min(1).max(86_400).optional().openapi({
    description:
      'seconds the command may wait for approval and acknowledgement (default 300; hazardous 900)',
  }),
});

export const ReasonBody = z.object({ reason: text().max(1000).optional() });

export const StartRunBody = z.object({
  instrumentId: Id,
  protocol: text().min(1).max(200),
  parameters: JsonParams,
  note: text().max(2000).optional(),
  commandId: Id.optional(),
});
