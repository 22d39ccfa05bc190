// `GET/POST /workspaces/:ws/webhooks`, `PATCH/DELETE /webhooks/:id`,
// `GET /webhooks/:id/deliveries`, `POST /webhooks/:id/deliveries/:delivery/redeliver`,
// `POST /webhooks/:id/ping` — admins of the workspace only (webhooks.manage).
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { WEBHOOK_EVENTS, WebhookDeliverySchema, WebhookSchema, text } from '@fieldbook/shared';
import type { ApiEnv } from '../api/env';
import { encodeCursor, pageQuery } from '../api/cursor';
import { validationHook } from '../api/errors';
import { requestMeta, requireAuth } from '../api/middleware';
import { Id, errorResponses, json, jsonBody } from '../api/schemas';
import type { WebhookService } from './webhookService';

const security = [{ bearer: [] }];
const tags = ['webhooks'];
const param = (name: string) => Id.openapi({ param: { name, in: 'path' } });
const WsParams = z.object({ ws: param('ws') });
const HookParams = z.object({ id: param('id') });

const Hook = z.object(WebhookSchema.shape).openapi('Webhook');
const Delivery = z.object(WebhookDeliverySchema.shape).openapi('WebhookDelivery');
const Events = z
  .array(z.enum(WEBHOOK_EVENTS).exclude(['webhook.ping']))
  .min(1)
  .max(WEBHOOK_EVENTS.length);
const Url = text().trim().min(1).max(2000).openapi({ example: 'https://example.org/fieldbook' });
const Description = text().trim().max(500);

const listRoute = createRoute({
  method: 'get',
  path: '/workspaces/{ws}/webhooks',
  tags,
  summary: "The workspace's webhooks (admins); secrets are never shown",
  security,
  middleware: [requireAuth] as const,
  request: { params: WsParams },
  responses: {
    200: json(z.object({ items: z.array(Hook) }), 'Webhooks'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const createHookRoute = createRoute({
  method: 'post',
  path: '/workspaces/{ws}/webhooks',
  tags,
  summary: 'Create a webhook; the answer holds its signing secret, shown this once',
  description:
    'Each delivery is a POST of `{id, event, occurredAt, workspace, actor, data}` with headers `X-Fieldbook-Event`, `X-Fieldbook-Delivery` (unique per delivery, for dedupe), `X-Fieldbook-Timestamp` (epoch s) and `X-Fieldbook-Signature: sha256=<hex HMAC-SHA256 of "timestamp.body" under the secret>`. Refuse old timestamps to stop replays. Targets in private, loopback, link-local or metadata ranges are refused unless the server allow-lists the host (WEBHOOK_ALLOW_HOSTS).',
  security,
  middleware: [requireAuth] as const,
  request: {
    params: WsParams,
    body: jsonBody(
      z.object({
        url: Url,
        description: Description.default(''),
        events: Events,
        active: z.boolean().default(true),
      }),
    ),
  },
  responses: {
    201: json(z.object({ webhook: Hook, secret: z.string() }), 'Created; store the secret now'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/webhooks/{id}',
  tags,
  summary:
    'Change a webhook, switch it on or off, or rotate its secret (the new one is shown once)',
  security,
  middleware: [requireAuth] as const,
  request: {
    params: HookParams,
    body: jsonBody(
      z.object({
        url: Url.optional(),
        description: Description.optional(),
        events: Events.optional(),
        active: z.boolean().optional(),
        rotateSecret: z.boolean().optional(),
      }),
    ),
  },
  responses: {
    200: json(z.object({ webhook: Hook, secret: z.string().optional() }), 'Changed'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/webhooks/{id}',
  tags,
  summary: 'Delete a webhook and its delivery log',
  security,
  middleware: [requireAuth] as const,
  request: { params: HookParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 403, 404, 429) },
});

const deliveriesRoute = createRoute({
  method: 'get',
  path: '/webhooks/{id}/deliveries',
  tags,
  summary:
    'The delivery log, newest first: payload, state, and each attempt (status, first 4 KB of the response, latency)',
  security,
  middleware: [requireAuth] as const,
  request: { params: HookParams, query: pageQuery(Id, { max: 100, fallback: 20 }) },
  responses: {
    200: json(
      z.object({ items: z.array(Delivery), nextCursor: z.string().nullable() }),
      'Deliveries',
    ),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const redeliverRoute = createRoute({
  method: 'post',
  path: '/webhooks/{id}/deliveries/{delivery}/redeliver',
  tags,
  summary: 'Send a delivery again (a new delivery id, the same payload and event id)',
  security,
  middleware: [requireAuth] as const,
  request: { params: HookParams.extend({ delivery: param('delivery') }) },
  responses: {
    202: json(Delivery, 'Queued'),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
});

const pingRoute = createRoute({
  method: 'post',
  path: '/webhooks/{id}/ping',
  tags,
  summary: 'Queue a `webhook.ping` delivery to check the receiver',
  security,
  middleware: [requireAuth] as const,
  request: { params: HookParams },
  responses: { 202: json(Delivery, 'Queued'), ...errorResponses(400, 401, 403, 404, 429) },
});

/** The webhook routes over `service`. */
export function webhookRoutes(service: WebhookService) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(listRoute, async (c) => {
    const items = await service.list(c.get('principal'), c.req.valid('param').ws);
    return c.json({ items }, 200);
  });
  app.openapi(createHookRoute, async (c) => {
    const { ws } = c.req.valid('param');
    const result = await service.create(
      c.get('principal'),
      ws,
      c.req.valid('json'),
      requestMeta(c),
    );
    return c.json(result, 201);
  });
  app.openapi(updateRoute, async (c) => {
    const result = await service.update(
      c.get('principal'),
      c.req.valid('param').id,
      c.req.valid('json'),
      requestMeta(c),
    );
    return c.json(result, 200);
  });
  app.openapi(deleteRoute, async (c) => {
    await service.remove(c.get('principal'), c.req.valid('param').id, requestMeta(c));
    return c.body(null, 204);
  });
  app.openapi(deliveriesRoute, async (c) => {
    const q = c.req.valid('query');
    const page = await service.deliveries(
      c.get('principal'),
      c.req.valid('param').id,
      q.cursor ?? null,
      q.limit,
    );
    return c.json(
      { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null },
      200,
    );
  });
  app.openapi(redeliverRoute, async (c) => {
    const { id, delivery } = c.req.valid('param');
    return c.json(await service.redeliver(c.get('principal'), id, delivery), 202);
  });
  app.openapi(pingRoute, async (c) => {
    return c.json(await service.ping(c.get('principal'), c.req.valid('param').id), 202);
  });
  return app;
}
