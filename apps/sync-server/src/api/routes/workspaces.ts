import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../env';
import { withCursor } from '../cursor';
import { validationHook } from '../errors';
import { requestMeta, requireAuth } from '../middleware';
import { Id, Name, PageQuery, Workspace, errorResponses, json, jsonBody, pageOf } from '../schemas';

const security = [{ bearer: [] }];
const WsParams = z.object({ ws: Id.openapi({ param: { name: 'ws', in: 'path' } }) });

const list = createRoute({
  method: 'get',
  path: '/workspaces',
  tags: ['workspaces'],
  summary: 'Workspaces the caller can see (all of the tenant for its admin)',
  security,
  middleware: [requireAuth] as const,
  request: { query: PageQuery.extend({ archived: z.enum(['true', 'false']).default('false') }) },
  responses: {
    200: json(pageOf(Workspace), 'A page of workspaces'),
    ...errorResponses(400, 401, 429),
  },
});

const create = createRoute({
  method: 'post',
  path: '/workspaces',
  tags: ['workspaces'],
  summary: 'Create a workspace; the creator becomes its admin',
  security,
  middleware: [requireAuth] as const,
  request: { body: jsonBody(z.object({ name: Name })) },
  responses: { 201: json(Workspace, 'Created'), ...errorResponses(400, 401, 403, 429) },
});

const get = createRoute({
  method: 'get',
  path: '/workspaces/{ws}',
  tags: ['workspaces'],
  summary: 'One workspace',
  security,
  middleware: [requireAuth] as const,
  request: { params: WsParams },
  responses: { 200: json(Workspace, 'The workspace'), ...errorResponses(400, 401, 404, 429) },
});

const update = createRoute({
  method: 'patch',
  path: '/workspaces/{ws}',
  tags: ['workspaces'],
  summary:
    'Rename, archive or unarchive, or change the settings: approvals need the password, annotations need review (admins)',
  security,
  middleware: [requireAuth] as const,
  request: {
    params: WsParams,
    body: jsonBody(
      z
        .object({
          name: Name.optional(),
          archived: z.boolean().optional(),
          approvalsNeedPassword: z.boolean().optional(),
          annotationsNeedReview: z.boolean().optional(),
        })
        .refine(
          (b) =>
            b.name !== undefined ||
            b.archived !== undefined ||
            b.approvalsNeedPassword !== undefined ||
            b.annotationsNeedReview !== undefined,
          'give name, archived, approvalsNeedPassword and/or annotationsNeedReview',
        ),
    ),
  },
  responses: { 200: json(Workspace, 'Updated'), ...errorResponses(400, 401, 403, 404, 429) },
});

const archive = createRoute({
  method: 'delete',
  path: '/workspaces/{ws}',
  tags: ['workspaces'],
  summary: 'Archive a workspace (admins); nothing is deleted',
  security,
  middleware: [requireAuth] as const,
  request: { params: WsParams },
  responses: { 200: json(Workspace, 'Archived'), ...errorResponses(400, 401, 403, 404, 429) },
});

/** Workspace routes. */
export function workspaceRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const page = await c.get('identity').workspaces.list(c.get('principal'), {
      includeArchived: q.archived === 'true',
      cursor: q.cursor ?? null,
      limit: q.limit,
    });
    return c.json(withCursor(page), 200);
  });
  app.openapi(create, async (c) => {
    const ws = await c
      .get('identity')
      .workspaces.create(c.get('principal'), c.req.valid('json').name, requestMeta(c));
    return c.json(ws, 201);
  });
  app.openapi(get, async (c) => {
    return c.json(
      await c.get('identity').workspaces.get(c.get('principal'), c.req.valid('param').ws),
      200,
    );
  });
  app.openapi(update, async (c) => {
    const ws = await c
      .get('identity')
      .workspaces.update(
        c.get('principal'),
        c.req.valid('param').ws,
        c.req.valid('json'),
        requestMeta(c),
      );
    return c.json(ws, 200);
  });
  app.openapi(archive, async (c) => {
    const ws = await c
      .get('identity')
      .workspaces.update(
        c.get('principal'),
        c.req.valid('param').ws,
        { archived: true },
        requestMeta(c),
      );
    return c.json(ws, 200);
  });
  return app;
}
