import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../env';
import { validationHook } from '../errors';
import { anonymousLimit, requestMeta, requireAuth } from '../middleware';
import { text } from '@fieldbook/shared';
import {
  Email,
  Id,
  Name,
  Password,
  Token,
  Tokens,
  errorResponses,
  json,
  jsonBody,
} from '../schemas';

const signup = createRoute({
  method: 'post',
  path: '/auth/signup',
  tags: ['auth'],
  summary: 'Create a tenant and its first user, who becomes the tenant admin',
  middleware: [anonymousLimit] as const,
  request: {
    body: jsonBody(z.object({ tenant: Name, email: Email, password: Password, name: Name })),
  },
  responses: {
    201: json(
      Tokens.extend({ tenant: z.object({ id: Id, name: z.string() }) }),
      'Signed up and signed in',
    ),
    ...errorResponses(400, 409, 429),
  },
});

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary:
    'Sign in with e-mail and password (5 per minute per account; failed sign-ins limited per address)',
  request: { body: jsonBody(z.object({ email: Email, password: text().min(1).max(256) })) },
  responses: { 200: json(Tokens, 'Signed in'), ...errorResponses(400, 401, 423, 429) },
});

const refresh = createRoute({
  method: 'post',
  path: '/auth/refresh',
  tags: ['auth'],
  summary: 'Rotate a refresh token; reusing an old one ends the whole session',
  middleware: [anonymousLimit] as const,
  request: { body: jsonBody(z.object({ refreshToken: Token })) },
  responses: { 200: json(Tokens, 'New token pair'), ...errorResponses(400, 401, 429) },
});

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'End the current session (its refresh tokens and sockets)',
  security: [{ bearer: [] }],
  middleware: [requireAuth] as const,
  responses: { 204: { description: 'Signed out' }, ...errorResponses(401, 403) },
});

const signingToken = createRoute({
  method: 'post',
  path: '/auth/signing-token',
  tags: ['auth'],
  summary:
    'Re-enter the password for a five-minute signing token (approvals, when the workspace asks for it)',
  security: [{ bearer: [] }],
  middleware: [requireAuth] as const,
  request: { body: jsonBody(z.object({ password: z.string().min(1).max(1024) })) },
  responses: {
    200: json(
      z.object({ signingToken: z.string(), expiresAt: z.number().int() }),
      'A signing token to put into the approval record',
    ),
    ...errorResponses(400, 401, 403, 429),
  },
});

const me = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['auth'],
  summary: 'Who the credential belongs to',
  security: [{ bearer: [] }],
  middleware: [requireAuth] as const,
  responses: {
    200: json(
      z.object({
        kind: z.enum(['user', 'apiKey']),
        tenantId: Id,
        userId: Id.nullable(),
        keyId: Id.nullable(),
        tenantRole: z.enum(['admin', 'member']).nullable(),
        expiresAt: z.number().nullable(),
      }),
      'The caller',
    ),
    ...errorResponses(401),
  },
});

/** Sign-up, sign-in, token refresh, sign-out. */
export function authRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(signup, async (c) => {
    const body = c.req.valid('json');
    const result = await c.get('identity').auth.signup(body, requestMeta(c));
    const { tenant, ...tokens } = result;
    return c.json({ ...tokens, tenant: { id: tenant.id, name: tenant.name } }, 201);
  });
  app.openapi(login, async (c) => {
    const result = await c.get('identity').auth.login(c.req.valid('json'), requestMeta(c));
    return c.json(result, 200);
  });
  app.openapi(refresh, async (c) => {
    const result = await c
      .get('identity')
      .auth.refresh(c.req.valid('json').refreshToken, requestMeta(c));
    return c.json(result, 200);
  });
  app.openapi(logout, async (c) => {
    await c.get('identity').auth.logout(c.get('principal'), requestMeta(c));
    return c.body(null, 204);
  });
  app.openapi(signingToken, async (c) => {
    const { password } = c.req.valid('json');
    const issued = await c
      .get('identity')
      .signing.issue(c.get('principal'), password, requestMeta(c));
    return c.json(issued, 200);
  });
  app.openapi(me, (c) => {
    const p = c.get('principal');
    return c.json(
      {
        kind: p.kind,
        tenantId: p.tenantId,
        userId: p.kind === 'user' ? p.userId : null,
        keyId: p.kind === 'apiKey' ? p.key.id : null,
        tenantRole: p.kind === 'user' ? p.tenantRole : null,
        expiresAt: p.expiresAt,
      },
      200,
    );
  });
  return app;
}
