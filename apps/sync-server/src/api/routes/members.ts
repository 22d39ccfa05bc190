import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../env';
import { withCursor } from '../cursor';
import { validationHook } from '../errors';
import { anonymousLimit, optionalAuth, requestMeta, requireAuth } from '../middleware';
import {
  Capability,
  Email,
  Id,
  Invitation,
  Member,
  Millis,
  Name,
  PageQuery,
  Password,
  Role,
  Token,
  errorResponses,
  json,
  jsonBody,
  pageOf,
} from '../schemas';

const security = [{ bearer: [] }];
const WsParams = z.object({ ws: Id.openapi({ param: { name: 'ws', in: 'path' } }) });
const MemberParams = WsParams.extend({
  userId: Id.openapi({ param: { name: 'userId', in: 'path' } }),
});

const list = createRoute({
  method: 'get',
  path: '/workspaces/{ws}/members',
  tags: ['members'],
  summary: 'Members of a workspace',
  security,
  middleware: [requireAuth] as const,
  request: { params: WsParams, query: PageQuery },
  responses: {
    200: json(pageOf(Member), 'A page of members'),
    ...errorResponses(400, 401, 404, 429),
  },
});

const add = createRoute({
  method: 'post',
  path: '/workspaces/{ws}/members',
  tags: ['members'],
  summary: 'Add a user of the tenant to the workspace (admins)',
  security,
  middleware: [requireAuth] as const,
  request: {
    params: WsParams,
    body: jsonBody(
      z.object({ userId: Id, role: Role, capabilities: z.array(Capability).optional() }),
    ),
  },
  responses: { 201: json(Member, 'Added'), ...errorResponses(400, 401, 403, 404, 409, 429) },
});

const change = createRoute({
  method: 'patch',
  path: '/workspaces/{ws}/members/{userId}',
  tags: ['members'],
  summary: "Change a member's role or capabilities (admins); reaches open sockets within a second",
  security,
  middleware: [requireAuth] as const,
  request: {
    params: MemberParams,
    body: jsonBody(z.object({ role: Role, capabilities: z.array(Capability).optional() })),
  },
  responses: { 200: json(Member, 'Changed'), ...errorResponses(400, 401, 403, 404, 429) },
});

const remove = createRoute({
  method: 'delete',
  path: '/workspaces/{ws}/members/{userId}',
  tags: ['members'],
  summary: 'Remove a member (admins); their sockets in the workspace close',
  security,
  middleware: [requireAuth] as const,
  request: { params: MemberParams },
  responses: { 204: { description: 'Removed' }, ...errorResponses(400, 401, 403, 404, 429) },
});

const invite = createRoute({
  method: 'post',
  path: '/workspaces/{ws}/invitations',
  tags: ['members'],
  summary: 'Create a single-use invitation link (admins); the token is shown once',
  security,
  middleware: [requireAuth] as const,
  request: {
    params: WsParams,
    body: jsonBody(
      z.object({
        role: Role,
        capabilities: z.array(Capability).optional(),
        expiresInHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 30)
          .optional(),
      }),
    ),
  },
  responses: {
    201: json(z.object({ invitation: Invitation, token: z.string() }), 'Created'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const pending = createRoute({
  method: 'get',
  path: '/workspaces/{ws}/invitations',
  tags: ['members'],
  summary: 'Invitations not yet accepted and not expired, newest first (admins)',
  security,
  middleware: [requireAuth] as const,
  request: { params: WsParams },
  responses: {
    200: json(z.object({ items: z.array(Invitation) }), 'Pending invitations'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const revokeInvitation = createRoute({
  method: 'delete',
  path: '/workspaces/{ws}/invitations/{invitationId}',
  tags: ['members'],
  summary: 'Revoke a pending invitation (admins); its link stops working',
  security,
  middleware: [requireAuth] as const,
  request: {
    params: WsParams.extend({
      invitationId: Id.openapi({ param: { name: 'invitationId', in: 'path' } }),
    }),
  },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(400, 401, 403, 404, 429) },
});

const accept = createRoute({
  method: 'post',
  path: '/invitations/accept',
  tags: ['members'],
  summary: 'Accept an invitation: signed in (same tenant) or as a new account',
  middleware: [optionalAuth] as const,
  request: {
    body: jsonBody(
      z.object({
        token: Token,
        email: Email.optional(),
        password: Password.optional(),
        name: Name.optional(),
      }),
    ),
  },
  responses: {
    200: json(z.object({ invitation: Invitation, userId: Id, created: z.boolean() }), 'Accepted'),
    ...errorResponses(400, 401, 404, 409, 429),
  },
});

const preview = createRoute({
  method: 'post',
  path: '/invitations/preview',
  tags: ['members'],
  summary: 'What a live invitation offers: the workspace, who invited, the role',
  middleware: [anonymousLimit] as const,
  request: { body: jsonBody(z.object({ token: Token })) },
  responses: {
    200: json(
      z.object({
        workspaceName: z.string(),
        invitedBy: z.string().nullable(),
        role: Role,
        capabilities: z.array(Capability),
        expiresAt: Millis,
      }),
      'The invitation is live',
    ),
    ...errorResponses(400, 404, 429),
  },
});

const leave = createRoute({
  method: 'post',
  path: '/workspaces/{ws}/leave',
  tags: ['members'],
  summary:
    'Leave a workspace you are a member of (the last admin cannot); your sockets there close',
  security,
  middleware: [requireAuth] as const,
  request: { params: WsParams },
  responses: { 204: { description: 'Left' }, ...errorResponses(400, 401, 403, 404, 409, 429) },
});

/** Membership and invitation routes. */
export function memberRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const page = await c
      .get('identity')
      .workspaces.listMembers(
        c.get('principal'),
        c.req.valid('param').ws,
        q.cursor ?? null,
        q.limit,
      );
    return c.json(withCursor(page), 200);
  });
  app.openapi(add, async (c) => {
    const m = await c
      .get('identity')
      .workspaces.putMember(
        c.get('principal'),
        c.req.valid('param').ws,
        c.req.valid('json'),
        'add',
        requestMeta(c),
      );
    return c.json(m, 201);
  });
  app.openapi(change, async (c) => {
    const { ws, userId } = c.req.valid('param');
    const m = await c
      .get('identity')
      .workspaces.putMember(
        c.get('principal'),
        ws,
        { ...c.req.valid('json'), userId },
        'change',
        requestMeta(c),
      );
    return c.json(m, 200);
  });
  app.openapi(remove, async (c) => {
    const { ws, userId } = c.req.valid('param');
    await c.get('identity').workspaces.removeMember(c.get('principal'), ws, userId, requestMeta(c));
    return c.body(null, 204);
  });
  app.openapi(invite, async (c) => {
    const result = await c
      .get('identity')
      .invitations.create(
        c.get('principal'),
        c.req.valid('param').ws,
        c.req.valid('json'),
        requestMeta(c),
      );
    return c.json(result, 201);
  });
  app.openapi(pending, async (c) => {
    const items = await c
      .get('identity')
      .invitations.listPending(c.get('principal'), c.req.valid('param').ws);
    return c.json({ items }, 200);
  });
  app.openapi(revokeInvitation, async (c) => {
    const { ws, invitationId } = c.req.valid('param');
    await c
      .get('identity')
      .invitations.revoke(c.get('principal'), ws, invitationId, requestMeta(c));
    return c.body(null, 204);
  });
  app.openapi(preview, async (c) => {
    const shown = await c.get('identity').invitations.preview(c.req.valid('json').token);
    return c.json(shown, 200);
  });
  app.openapi(leave, async (c) => {
    await c
      .get('identity')
      .workspaces.leave(c.get('principal'), c.req.valid('param').ws, requestMeta(c));
    return c.body(null, 204);
  });
  app.openapi(accept, async (c) => {
    const { token, email, password, name } = c.req.valid('json');
    const principal = c.get('principal') ?? null;
    const newUser = !principal && email && password && name ? { email, password, name } : null;
    const result = await c
      .get('identity')
      .invitations.accept(token, { principal, newUser }, requestMeta(c));
    return c.json(result, 200);
  });
  return app;
}
