import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { FieldbookError } from '@fieldbook/shared';
import type { ApiEnv } from '../../api/env';
import { withCursor } from '../../api/cursor';
import { validationHook } from '../../api/errors';
import { requestMeta, requireAuth } from '../../api/middleware';
import { PageQuery, errorResponses, json, jsonBody, pageOf } from '../../api/schemas';
import type { TelemetryStore } from '../../telemetry/telemetryStore';
import type { ServerInstruments } from '../serverInstruments';
import { findInstrument, wire } from './instrumentLookup';
import {
  Command,
  IdParams,
  Instrument,
  ReasonBody,
  Run,
  StartRunBody,
  WsParams,
  security,
} from './routeSchemas';

const guarded = { security };

const listInstruments = createRoute({
  ...guarded,
  middleware: [requireAuth] as const,
  tags: ['instruments'],
  method: 'get',
  path: '/workspaces/{ws}/instruments',
  summary: 'Instruments of the workspace (and tenant-wide ones) with connection, state and alarms',
  request: { params: WsParams, query: PageQuery },
  responses: {
    200: json(pageOf(Instrument), 'Instruments'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const getInstrument = createRoute({
  ...guarded,
  middleware: [requireAuth] as const,
  tags: ['instruments'],
  method: 'get',
  path: '/instruments/{id}',
  summary: 'One instrument',
  request: { params: IdParams },
  responses: { 200: json(Instrument, 'Instrument'), ...errorResponses(400, 401, 403, 404, 429) },
});

const listRuns = createRoute({
  ...guarded,
  middleware: [requireAuth] as const,
  tags: ['runs'],
  method: 'get',
  path: '/instruments/{id}/runs',
  summary: "An instrument's runs, newest first",
  request: { params: IdParams, query: PageQuery },
  responses: { 200: json(pageOf(Run), 'Runs'), ...errorResponses(400, 401, 403, 404, 429) },
});

const getRun = createRoute({
  ...guarded,
  middleware: [requireAuth] as const,
  tags: ['runs'],
  method: 'get',
  path: '/runs/{id}',
  summary: 'One run: protocol, operator, parameters, results, QC against limits, artifact hashes',
  request: { params: IdParams },
  responses: { 200: json(Run, 'Run'), ...errorResponses(400, 401, 403, 404, 429) },
});

const startRun = createRoute({
  ...guarded,
  middleware: [requireAuth] as const,
  tags: ['runs'],
  method: 'post',
  path: '/runs',
  summary:
    "Start a run (seed 002): sends the instrument's `run.start` command; the run appears when the agent reports it",
  request: { body: jsonBody(StartRunBody) },
  responses: {
    202: json(z.object({ command: Command }), 'The command that starts the run'),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
});

const stopRun = createRoute({
  ...guarded,
  middleware: [requireAuth] as const,
  tags: ['runs'],
  method: 'put',
  path: '/runs/{id}/stop',
  summary: "Stop a running run (seed 002): sends the instrument's `run.stop` command",
  request: {
    params: IdParams,
    body: { required: false, content: { 'application/json': { schema: ReasonBody } } },
  },
  responses: {
    202: json(z.object({ command: Command }), 'The command that stops the run'),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
});

/** Instrument and run routes of DESIGN.md's stable surface (and seed 002's run control), tenant-scoped. */
export function instrumentRoutes(telemetry: TelemetryStore, instruments: ServerInstruments) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  app.openapi(listInstruments, async (c) => {
    const principal = c.get('principal');
    const { ws } = c.req.valid('param');
    const { cursor, limit } = c.req.valid('query');
    await c.get('identity').access.require(principal, ws, 'instrument.read');
    const visible = (await telemetry.listInstruments(principal.tenantId))
      .filter((i) => i.workspaceId === ws || i.workspaceId === null)
      .filter((i) => !cursor || i.id > cursor)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const items = visible.slice(0, limit).map(wire);
    return c.json(
      withCursor({ items, nextCursor: visible.length > limit ? items.at(-1)!.id : null }),
      200,
    );
  });

  app.openapi(getInstrument, async (c) => {
    const found = await findInstrument(
      c.get('identity'),
      telemetry,
      c.get('principal'),
      c.req.valid('param').id,
    );
    return c.json(wire(found), 200);
  });

  app.openapi(listRuns, async (c) => {
    const principal = c.get('principal');
    const { cursor, limit } = c.req.valid('query');
    const found = await findInstrument(
      c.get('identity'),
      telemetry,
      principal,
      c.req.valid('param').id,
    );
    const page = await instruments.store.listRuns(
      principal.tenantId,
      { instrumentId: found.id },
      cursor ?? null,
      limit,
    );
    return c.json(withCursor({ items: page.items.map(wire), nextCursor: page.nextCursor }), 200);
  });

  app.openapi(getRun, async (c) => {
    const run = await instruments.runs.get(c.get('principal'), c.req.valid('param').id);
    return c.json(wire(run), 200);
  });

  app.openapi(startRun, async (c) => {
    const principal = c.get('principal');
    const body = c.req.valid('json');
    const found = await findInstrument(c.get('identity'), telemetry, principal, body.instrumentId);
    const { command } = await instruments.commands.request(
      principal,
      found,
      {
        command: 'run.start',
        params: { protocol: body.protocol, ...body.parameters },
        note: body.note,
        commandId: body.commandId,
      },
      requestMeta(c),
    );
    return c.json({ command: wire(command) }, 202);
  });

  app.openapi(stopRun, async (c) => {
    const principal = c.get('principal');
    const run = await instruments.runs.get(principal, c.req.valid('param').id);
    const found = await findInstrument(c.get('identity'), telemetry, principal, run.instrumentId);
    if (run.status !== 'running')
      throw new FieldbookError('CONFLICT', `The run is ${run.status}, not running`, {
        status: run.status,
      });
    const { command } = await instruments.commands.request(
      principal,
      found,
      { command: 'run.stop', params: { runId: run.runKey }, note: c.req.valid('json').reason },
      requestMeta(c),
    );
    return c.json({ command: wire(command) }, 202);
  });
  return app;
}
