// `GET/POST /workspaces/:ws/alert-rules`, `PATCH/DELETE /alert-rules/:id`,
// `GET /alert-rules/:id/firings` — admins of the workspace (alerts.manage).
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  AlertActionsSchema,
  AlertConditionSchema,
  AlertFiringSchema,
  AlertRuleSchema,
  AlertThresholdSchema,
  text,
} from '@fieldbook/shared';
import type { ApiEnv } from '../api/env';
import { validationHook } from '../api/errors';
import { requestMeta, requireAuth } from '../api/middleware';
import { Id, errorResponses, json, jsonBody } from '../api/schemas';
import type { AlertService } from './alertService';

const security = [{ bearer: [] }];
const tags = ['alerts'];
const param = (name: string) => Id.openapi({ param: { name, in: 'path' } });
const Rule = z.object(AlertRuleSchema.shape).openapi('AlertRule');
const Firing = z.object(AlertFiringSchema.shape).openapi('AlertFiring');
const Fields = {
  name: text().trim().min(1).max(200),
  condition: AlertConditionSchema,
  threshold: AlertThresholdSchema.nullable(),
  actions: AlertActionsSchema,
  muted: z.boolean(),
};

const listRoute = createRoute({
  method: 'get',
  path: '/workspaces/{ws}/alert-rules',
  tags,
  summary: "The workspace's alert rules (admins)",
  security,
  middleware: [requireAuth] as const,
  request: { params: z.object({ ws: param('ws') }) },
  responses: {
    200: json(z.object({ items: z.array(Rule) }), 'Rules'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const createRuleRoute = createRoute({
  method: 'post',
  path: '/workspaces/{ws}/alert-rules',
  tags,
  summary:
    'Create an alert rule on annotations (kind, tags, keywords, channels, status), optionally with a threshold (≥ N within a window)',
  security,
  middleware: [requireAuth] as const,
  request: {
    params: z.object({ ws: param('ws') }),
    body: jsonBody(
      z.object({
        ...Fields,
        threshold: Fields.threshold.default(null),
        actions: Fields.actions.default({ notifyUsers: [], notifyRoles: [], webhook: false }),
        muted: Fields.muted.default(false),
      }),
    ),
  },
  responses: { 201: json(Rule, 'Created'), ...errorResponses(400, 401, 403, 404, 429) },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/alert-rules/{id}',
  tags,
  summary: 'Change, mute or unmute an alert rule',
  security,
  middleware: [requireAuth] as const,
  request: { params: z.object({ id: param('id') }), body: jsonBody(z.object(Fields).partial()) },
  responses: { 200: json(Rule, 'Changed'), ...errorResponses(400, 401, 403, 404, 429) },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/alert-rules/{id}',
  tags,
  summary: 'Delete an alert rule and its firings',
  security,
  middleware: [requireAuth] as const,
  request: { params: z.object({ id: param('id') }) },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 403, 404, 429) },
});

const firingsRoute = createRoute({
  method: 'get',
  path: '/alert-rules/{id}/firings',
  tags,
  summary: "The rule's firings, newest first (at most 100)",
  security,
  middleware: [requireAuth] as const,
  request: { params: z.object({ id: param('id') }) },
  responses: {
    200: json(z.object({ items: z.array(Firing) }), 'Firings'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

/** The alert-rule routes over `service`. */
export function alertRoutes(service: AlertService) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(listRoute, async (c) =>
    c.json({ items: await service.list(c.get('principal'), c.req.valid('param').ws) }, 200),
  );
  app.openapi(createRuleRoute, async (c) =>
    c.json(
      await service.create(
        c.get('principal'),
        c.req.valid('param').ws,
        c.req.valid('json'),
        requestMeta(c),
      ),
      201,
    ),
  );
  app.openapi(updateRoute, async (c) =>
    c.json(
      await service.update(
        c.get('principal'),
        c.req.valid('param').id,
        c.req.valid('json'),
        requestMeta(c),
      ),
      200,
    ),
  );
  app.openapi(deleteRoute, async (c) => {
    await service.remove(c.get('principal'), c.req.valid('param').id, requestMeta(c));
    return c.body(null, 204);
  });
  app.openapi(firingsRoute, async (c) =>
    c.json({ items: await service.firings(c.get('principal'), c.req.valid('param').id) }, 200),
  );
  return app;
}
