import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { ApiEnv } from '../../api/env';
import { withCursor } from '../../api/cursor';
import { validationHook } from '../../api/errors';
import { requestMeta, requireAuth } from '../../api/middleware';
import { errorResponses, json, jsonBody, pageOf } from '../../api/schemas';
import type { ServerInstruments } from '../serverInstruments';
import type { TelemetryStore } from '../../telemetry/telemetryStore';
import { findInstrument, wire } from './instrumentLookup';
import {
  Command,
  CommandBody,
  CommandQuery,
  CommandWithHistory,
  IdParams,
  ReasonBody,
  WsParams,
  security,
} from './routeSchemas';

const tags = ['commands'];
const guarded = { security, tags };

const listOfInstrument = createRoute({
  ...guarded,
  middleware: [requireAuth] as const,
  method: 'get',
  path: '/instruments/{id}/commands',
  summary: "An instrument's command queue and history, newest first",
  request: { params: IdParams, query: CommandQuery },
  responses: { 200: json(pageOf(Command), 'Commands'), ...errorResponses(400, 401, 403, 404, 429) },
});

const listOfWorkspace = createRoute({
  ...guarded,
  middleware: [requireAuth] as const,
  method: 'get',
  path: '/workspaces/{ws}/commands',
  summary: "Commands to the workspace's instruments, newest first (e.g. ?state=awaiting_approval)",
  request: { params: WsParams, query: CommandQuery },
  responses: { 200: json(pageOf(Command), 'Commands'), ...errorResponses(400, 401, 403, 404, 429) },
});

const create = createRoute({
  ...guarded,
  middleware: [requireAuth] as const,
  method: 'post',
  path: '/instruments/{id}/commands',
  summary:
    'Command an instrument (operator). Params are checked against the manifest; a hazardous command waits for a second operator',
  request: { params: IdParams, body: jsonBody(CommandBody) },
  responses: {
    201: json(Command, 'Taken: released to the agent, or awaiting approval'),
    200: json(Command, 'The command already taken under this commandId'),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
});

const get = createRoute({
  ...guarded,
  middleware: [requireAuth] as const,
  method: 'get',
  path: '/commands/{id}',
  summary: 'One command with every transition of its state (who, when)',
  request: { params: IdParams },
  responses: {
    200: json(CommandWithHistory, 'The command'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const decide = (action: 'approve' | 'reject' | 'cancel', summary: string) =>
  createRoute({
    ...guarded,
    middleware: [requireAuth] as const,
    method: 'post',
    path: `/commands/{id}/${action}`,
    summary,
    request: {
      params: IdParams,
      body: { required: false, content: { 'application/json': { schema: ReasonBody } } },
    },
    responses: {
      200: json(Command, 'The command after the change'),
      ...errorResponses(400, 401, 403, 404, 409, 429),
    },
  });

const approve = decide(
  'approve',
  'Release a hazardous command (a signed-in operator other than its requester)',
);
const reject = decide(
  'reject',
  'Refuse a hazardous command (an operator other than its requester)',
);
const cancel = decide(
  'cancel',
  'Cancel a command; one the agent already has is asked to stop and ends when it reports',
);

/** The command routes of DESIGN.md's stable surface, tenant-scoped, over the server's instrument services. */
export function commandRoutes(telemetry: TelemetryStore, instruments: ServerInstruments) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  const { commands, store } = instruments;

  app.openapi(listOfInstrument, async (c) => {
    const principal = c.get('principal');
    const { cursor, limit, state } = c.req.valid('query');
    const instrument = await findInstrument(
      c.get('identity'),
      telemetry,
      principal,
      c.req.valid('param').id,
    );
    const page = await store.listCommands(
      principal.tenantId,
      { instrumentId: instrument.id, states: state },
      cursor ?? null,
      limit,
    );
    return c.json(withCursor({ items: page.items.map(wire), nextCursor: page.nextCursor }), 200);
  });

  app.openapi(listOfWorkspace, async (c) => {
    const principal = c.get('principal');
    const { ws } = c.req.valid('param');
    const { cursor, limit, state } = c.req.valid('query');
    await c.get('identity').access.require(principal, ws, 'instrument.read');
    const page = await store.listCommands(
      principal.tenantId,
      { workspaceIds: [ws, null], states: state },
      cursor ?? null,
      limit,
    );
    return c.json(withCursor({ items: page.items.map(wire), nextCursor: page.nextCursor }), 200);
  });

  app.openapi(create, async (c) => {
    const principal = c.get('principal');
    const identity = c.get('identity');
    const instrument = await findInstrument(
      identity,
      telemetry,
      principal,
      c.req.valid('param').id,
    );
    const { command, created } = await commands.request(
      principal,
      instrument,
      c.req.valid('json'),
      requestMeta(c),
    );
    return c.json(wire(command), created ? 201 : 200);
  });

  app.openapi(get, async (c) => {
    const principal = c.get('principal');
    const command = await commands.get(principal, c.req.valid('param').id);
    const transitions = await store.listTransitions(principal.tenantId, command.id);
    return c.json({ ...wire(command), transitions }, 200);
  });

  app.openapi(approve, async (c) => {
    const command = await commands.approve(
      c.get('principal'),
      c.req.valid('param').id,
      requestMeta(c),
    );
    return c.json(wire(command), 200);
  });

  app.openapi(reject, async (c) => {
    const command = await commands.reject(
      c.get('principal'),
      c.req.valid('param').id,
      c.req.valid('json').reason,
      requestMeta(c),
    );
    return c.json(wire(command), 200);
  });

  app.openapi(cancel, async (c) => {
    const command = await commands.cancel(
      c.get('principal'),
      c.req.valid('param').id,
      c.req.valid('json').reason,
      requestMeta(c),
    );
    return c.json(wire(command), 200);
  });

  return app;
}
