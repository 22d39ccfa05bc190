// `GET /workspaces/:ws/search` (full text over notes, annotations and
// comments), `GET …/search/status` and `POST …/search/rebuild`.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  FieldbookError,
  MAX_QUERY_LENGTH,
  SEARCH_KINDS,
  SearchHitSchema,
  TagSchema,
} from '@fieldbook/shared';
import { actorOf } from '../../identity/principal';
import type { SearchService } from '../../search/searchService';
import type { ApiEnv } from '../env';
import { validationHook } from '../errors';
import { requestMeta, requireAuth } from '../middleware';
import { cursorParam, encodeCursor } from '../cursor';
import { Id, Millis, errorResponses, json } from '../schemas';

const security = [{ bearer: [] }];
const WsParams = z.object({ ws: Id.openapi({ param: { name: 'ws', in: 'path' } }) });

/** A comma-separated list parameter of `item` values. */
const csv = <T extends z.ZodType<unknown, string>>(item: T, max: number, description: string) =>
  z
    .string()
    .max(4000)
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(max))
    .optional()
    .openapi({ type: 'string', description });

/** Epoch ms or an ISO 8601 date-time. */
const Instant = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const ms = /^-?\d+$/.test(s) ? Number(s) : Date.parse(s);
    if (Number.isSafeInteger(ms)) return ms;
    ctx.addIssue({
      code: 'custom',
      message: 'expected epoch milliseconds or an ISO 8601 date-time',
    });
    return z.NEVER;
  })
  .optional()
  .openapi({ type: 'string', description: 'epoch ms or ISO 8601' });

const SearchQuery = z.object({
  q: z.string().max(MAX_QUERY_LENGTH).default('').openapi({
    description:
      'Words (all must match), "exact phrases", prefix* and -excluded terms. Everything else is plain text. Empty: every item matching the filters, newest first.',
  }),
  kind: csv(z.enum(SEARCH_KINDS), 3, `any of ${SEARCH_KINDS.join(', ')}`),
  tags: csv(TagSchema, 16, 'hits carry all of these tags'),
  author: csv(z.string().min(1).max(200), 16, 'user ids; any of them'),
  status: csv(z.enum(['draft', 'approved']), 2, 'annotation status; any of them'),
  from: Instant,
  to: Instant,
  includeTrashed: z.enum(['true', 'false']).default('false'),
  cursor: cursorParam(z.string().max(200)),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const IndexStatus = z
  .object({
    state: z.enum(['ready', 'building', 'missing']),
    builtAt: Millis.optional(),
    done: z.number().int().optional(),
    total: z.number().int().optional(),
  })
  .openapi('SearchIndexStatus');

const SearchPage = z
  .object({
    items: z.array(SearchHitSchema),
    nextCursor: z.string().nullable(),
    index: IndexStatus,
  })
  .openapi('SearchPage');

const searchRoute = createRoute({
  method: 'get',
  path: '/workspaces/{ws}/search',
  tags: ['search'],
  summary: 'Full-text search over the notes, annotations and comments of a workspace',
  description:
    "Ranked by relevance (bm25, title weighted up; the words as one phrase rank higher). Trashed documents are left out unless includeTrashed=true. `from`/`to` meet an annotation's time span or a note's last update. Snippets are HTML-escaped with matches in <mark>. While a workspace is first indexed, `index.state` is `building` and results may be incomplete.",
  security,
  middleware: [requireAuth] as const,
  request: { params: WsParams, query: SearchQuery },
  responses: { 200: json(SearchPage, 'Hits'), ...errorResponses(400, 401, 403, 404, 429) },
});

const statusRoute = createRoute({
  method: 'get',
  path: '/workspaces/{ws}/search/status',
  tags: ['search'],
  summary: "State of the workspace's search index (ready, building with progress, missing)",
  security,
  middleware: [requireAuth] as const,
  request: { params: WsParams },
  responses: { 200: json(IndexStatus, 'Status'), ...errorResponses(400, 401, 403, 404, 429) },
});

const rebuildRoute = createRoute({
  method: 'post',
  path: '/workspaces/{ws}/search/rebuild',
  tags: ['search'],
  summary: "Rebuild the workspace's search index from its documents (admin); poll …/search/status",
  security,
  middleware: [requireAuth] as const,
  request: { params: WsParams },
  responses: {
    202: json(IndexStatus, 'Rebuild started'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

/** The search routes over the server's SearchService (null: search is switched off, 503). */
export function searchRoutes(search: SearchService | null) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  const service = () => {
    if (search) return search;
    throw new FieldbookError(
      'SERVICE_UNAVAILABLE',
      'Search is switched off on this server (SEARCH_INDEX=off)',
    );
  };

  app.openapi(searchRoute, async (c) => {
    const { ws } = c.req.valid('param');
    const q = c.req.valid('query');
    const { workspace } = await c
      .get('identity')
      .access.require(c.get('principal'), ws, 'search.query');
    const result = await service().search(
      { tenantId: workspace.tenantId, workspaceId: ws },
      {
        q: q.q,
        filters: {
          kind: q.kind,
          tags: q.tags,
          author: q.author,
          status: q.status,
          from: q.from,
          to: q.to,
          includeTrashed: q.includeTrashed === 'true',
        },
        after: q.cursor ?? null,
        limit: q.limit,
      },
    );
    return c.json(
      {
        items: result.items,
        nextCursor: result.next === null ? null : encodeCursor(result.next),
        index: result.index,
      },
      200,
    );
  });

  app.openapi(statusRoute, async (c) => {
    const { ws } = c.req.valid('param');
    await c.get('identity').access.require(c.get('principal'), ws, 'search.query');
    return c.json(await service().status(ws), 200);
  });

  app.openapi(rebuildRoute, async (c) => {
    const { ws } = c.req.valid('param');
    const principal = c.get('principal');
    const identity = c.get('identity');
    const { workspace } = await identity.access.require(principal, ws, 'search.rebuild');
    const status = await service().rebuild({ tenantId: workspace.tenantId, workspaceId: ws });
    await identity.audit.record(principal.tenantId, {
      actor: actorOf(principal),
      action: 'search.rebuild',
      outcome: 'success',
      resource: { type: 'workspace', id: ws },
      workspaceId: ws,
      summary: { state: status.state },
      ...requestMeta(c),
    });
    return c.json(status, 202);
  });

  return app;
}
