import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../env';
import { withCursor } from '../cursor';
import { validationHook } from '../errors';
import { requestMeta, requireAuth } from '../middleware';
import { ApiKey, Id, Name, PageQuery, errorResponses, json, jsonBody, pageOf } from '../schemas';

const security = [{ bearer: [] }];

const list = createRoute({
  method: 'get',
  path: '/api-keys',
  tags: ['api keys'],
  summary:
    'Keys of one workspace (its admins) or of the tenant (tenant admins); secrets are never shown',
  security,
  middleware: [requireAuth] as const,
  request: { query: PageQuery.extend({ workspaceId: Id.optional() }) },
  responses: {
    200: json(pageOf(ApiKey), 'A page of keys'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const create = createRoute({
  method: 'post',
  path: '/api-keys',
  tags: ['api keys'],
  summary: 'Create a key `fb_<prefix>_<secret>`; the key is shown once',
  security,
  middleware: [requireAuth] as const,
  request: {
    body: jsonBody(
      z.object({
        name: Name,
        workspaceId: Id.nullable().default(null),
        access: z.enum(['read', 'write']),
        agent: z.boolean().default(false),
        expiresAt: z
          .number()
          .int()
          .positive()
          .nullable()
          .default(null)
          .openapi({ description: 'epoch ms; null: never' }),
      }),
    ),
  },
  responses: {
    201: json(z.object({ apiKey: ApiKey, key: z.string() }), 'Created; store the key now'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const revoke = createRoute({
  method: 'delete',
  path: '/api-keys/{id}',
  tags: ['api keys'],
  summary: 'Revoke a key; it stops working and its sockets close at once',
  security,
  middleware: [requireAuth] as const,
  request: { params: z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(400, 401, 403, 404, 429) },
});

/** API-key routes. */
export function apiKeyRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const page = await c
      .get('identity')
      .keys.list(c.get('principal'), q.workspaceId ?? null, q.cursor ?? null, q.limit);
    return c.json(withCursor(page), 200);
  });
  app.openapi(create, async (c) => {
    const result = await c
      .get('identity')
      .keys.create(c.get('principal'), c.req.valid('json'), requestMeta(c));
    return c.json(result, 201);
  });
  app.openapi(revoke, async (c) => {
    await c
      .get('identity')
      .keys.revoke(c.get('principal'), c.req.valid('param').id, requestMeta(c));
    return c.body(null, 204);
  });
  return app;
}
