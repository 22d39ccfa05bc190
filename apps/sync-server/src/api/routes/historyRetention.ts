// `GET/PUT /workspaces/:ws/history-retention`: whether a workspace keeps every history
// entry (the default) or folds those older than N days into daily points.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { HistoryService } from '../../history/historyService';
import { actorOf } from '../../identity/principal';
import type { ApiEnv } from '../env';
import { validationHook } from '../errors';
import { requestMeta, requireAuth } from '../middleware';
import { errorResponses, json, jsonBody } from '../schemas';
import { WsParams } from './documents';

const security = [{ bearer: [] }];
const Retention = z
  .object({
    foldAfterDays: z.number().int().min(1).max(36_500).nullable().openapi({
      description:
        'null (the default): keep every entry. N: fold the edits of each day older than N days into one daily point; named versions, restores and merges are always kept, and the update log is never rewritten.',
    }),
  })
  .openapi('HistoryRetention');
const path = '/workspaces/{ws}/history-retention';
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ ...r, tags: ['history'], security, middleware: [requireAuth] as const });

const getRoute = route({
  method: 'get',
  path,
  summary: "The workspace's history retention",
  request: { params: WsParams },
  responses: { 200: json(Retention, 'Retention'), ...errorResponses(400, 401, 403, 404, 429) },
});
const putRoute = route({
  method: 'put',
  path,
  summary: "Sets the workspace's history retention (admins)",
  request: { params: WsParams, body: jsonBody(Retention) },
  responses: { 200: json(Retention, 'Retention'), ...errorResponses(400, 401, 403, 404, 429) },
});

/** The history retention routes of a workspace. */
export function historyRetentionRoutes(history: HistoryService) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(getRoute, async (c) => {
    const { ws } = c.req.valid('param');
    await c.get('identity').access.require(c.get('principal'), ws, 'version.read');
    return c.json({ foldAfterDays: await history.retention.days(ws) }, 200);
  });
  app.openapi(putRoute, async (c) => {
    const { ws } = c.req.valid('param');
    const principal = c.get('principal');
    await c.get('identity').access.require(principal, ws, 'workspace.update');
    const { foldAfterDays } = c.req.valid('json');
    const was = await history.retention.days(ws);
    await history.retention.setDays(ws, foldAfterDays);
    await c.get('identity').audit.record(principal.tenantId, {
      actor: actorOf(principal),
      action: 'history.retention',
      outcome: 'success',
      resource: { type: 'workspace', id: ws },
      workspaceId: ws,
      summary: { foldAfterDays: { from: was, to: foldAfterDays } },
      ...requestMeta(c),
    });
    return c.json({ foldAfterDays }, 200);
  });
  return app;
}
