import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../env';
import { validationHook } from '../errors';
import { requireAuth } from '../middleware';
import { Id, Millis, errorResponses, json, jsonBody } from '../schemas';

const issue = createRoute({
  method: 'post',
  path: '/sync-tickets',
  tags: ['sync'],
  summary:
    'A single-use ticket (≤ 60 s) for `/sync/{ws}/{doc}?ticket=…`, for clients that cannot send a bearer subprotocol',
  security: [{ bearer: [] }],
  middleware: [requireAuth] as const,
  request: { body: jsonBody(z.object({ workspaceId: Id })) },
  responses: {
    201: json(z.object({ ticket: z.string(), expiresAt: Millis }), 'Issued'),
    ...errorResponses(400, 401, 404, 429),
  },
});

/** Sync-ticket route. */
export function syncTicketRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(issue, async (c) => {
    const result = await c
      .get('identity')
      .tickets.issue(c.get('principal'), c.req.valid('json').workspaceId);
    return c.json(result, 201);
  });
  return app;
}
