// `GET /notifications`, `POST /notifications/read` (ids or all),
// `DELETE /notifications/:id` and `GET /notifications/stream` (live, SSE):
// the signed-in user's own notifications.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { NotificationSchema } from '@fieldbook/shared';
import type { ApiEnv } from '../api/env';
import { encodeCursor, pageQuery } from '../api/cursor';
import { validationHook } from '../api/errors';
import { requireAuth } from '../api/middleware';
import { Id, errorResponses, json, jsonBody } from '../api/schemas';
import type { LiveNotice, NotificationService } from './notificationService';

const security = [{ bearer: [] }];
const tags = ['notifications'];
const Item = z.object(NotificationSchema.shape).openapi('Notification');

/** How often an idle stream sends a comment line, so proxies keep it open. */
const KEEPALIVE_MS = 25_000;

const listRoute = createRoute({
  method: 'get',
  path: '/notifications',
  tags,
  summary: 'Your notifications, newest first, with the unread count',
  security,
  middleware: [requireAuth] as const,
  request: {
    query: pageQuery(Id, { max: 100, fallback: 30 }).extend({
      unread: z.enum(['true', 'false']).default('false'),
    }),
  },
  responses: {
    200: json(
      z.object({
        items: z.array(Item),
        nextCursor: z.string().nullable(),
        unread: z.number().int(),
      }),
      'Notifications',
    ),
    ...errorResponses(400, 401, 403, 429),
  },
});

const readRoute = createRoute({
  method: 'post',
  path: '/notifications/read',
  tags,
  summary: 'Mark notifications read: the listed ids, or all',
  security,
  middleware: [requireAuth] as const,
  request: {
    body: jsonBody(
      z.union([z.object({ ids: z.array(Id).min(1).max(500) }), z.object({ all: z.literal(true) })]),
    ),
  },
  responses: {
    200: json(z.object({ unread: z.number().int() }), 'Unread left'),
    ...errorResponses(400, 401, 403, 429),
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/notifications/{id}',
  tags,
  summary: 'Delete one of your notifications',
  security,
  middleware: [requireAuth] as const,
  request: { params: z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 403, 404, 429) },
});

/** The notification routes over `service`. */
export function notificationRoutes(service: NotificationService) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const page = await service.list(c.get('principal'), {
      before: q.cursor ?? null,
      limit: q.limit,
      unreadOnly: q.unread === 'true',
    });
    return c.json(
      {
        items: page.items,
        nextCursor: page.next ? encodeCursor(page.next) : null,
        unread: page.unread,
      },
      200,
    );
  });
  app.openapi(readRoute, async (c) => {
    const body = c.req.valid('json');
    const unread = await service.markRead(c.get('principal'), 'all' in body ? 'all' : body.ids);
    return c.json({ unread }, 200);
  });
  app.openapi(deleteRoute, async (c) => {
    await service.remove(c.get('principal'), c.req.valid('param').id);
    return c.body(null, 204);
  });
  // Server-sent events: `notification` (a new one, with the unread count) and
  // `unread` (the count after a read or delete). Read with fetch and a bearer header.
  app.get('/notifications/stream', requireAuth, async (c) => {
    const principal = c.get('principal');
    const first = await service.list(principal, { before: null, limit: 1, unreadOnly: true });
    return streamSSE(c, async (stream) => {
      const queue: LiveNotice[] = [{ type: 'unread', unread: first.unread }];
      let wake: (() => void) | null = null;
      const stop = service.listen(principal, (notice) => {
        queue.push(notice);
        wake?.();
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        wake?.();
      });
      try {
        while (open) {
          for (const notice of queue.splice(0))
            await stream.writeSSE({ event: notice.type, data: JSON.stringify(notice) });
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, KEEPALIVE_MS);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
          if (queue.length === 0 && open) await stream.write(': keep-alive\n\n');
        }
      } finally {
        stop();
      }
    });
  });
  return app;
}
