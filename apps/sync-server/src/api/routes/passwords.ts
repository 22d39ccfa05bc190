import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../env';
import { validationHook } from '../errors';
import { anonymousLimit, requestMeta, requireAuth } from '../middleware';
import { Email, Id, Millis, Password, Token, errorResponses, json, jsonBody } from '../schemas';

const security = [{ bearer: [] }];

const change = createRoute({
  method: 'post',
  path: '/auth/password',
  tags: ['auth'],
  summary: 'Change your password (the current one first); your other sessions end',
  security,
  middleware: [requireAuth] as const,
  request: {
    body: jsonBody(
      z.object({ currentPassword: z.string().min(1).max(1024), newPassword: Password }),
    ),
  },
  responses: {
    200: json(z.object({ endedSessions: z.number().int() }), 'Changed'),
    ...errorResponses(400, 401, 403, 429),
  },
});

const issue = createRoute({
  method: 'post',
  path: '/users/{userId}/password-reset',
  tags: ['auth'],
  summary:
    'Issue a single-use password-reset link for a user (tenant admins); earlier links end; the token is shown once',
  security,
  middleware: [requireAuth] as const,
  request: { params: z.object({ userId: Id.openapi({ param: { name: 'userId', in: 'path' } }) }) },
  responses: {
    201: json(
      z.object({ token: z.string(), expiresAt: Millis, emailed: z.boolean() }),
      'Issued (e-mailed only when the server has a mail transport)',
    ),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const preview = createRoute({
  method: 'post',
  path: '/password-resets/preview',
  tags: ['auth'],
  summary: 'Whose password a live reset link sets',
  middleware: [anonymousLimit] as const,
  request: { body: jsonBody(z.object({ token: Token })) },
  responses: {
    200: json(z.object({ email: Email, name: z.string(), expiresAt: Millis }), 'The link is live'),
    ...errorResponses(400, 404, 429),
  },
});

const use = createRoute({
  method: 'post',
  path: '/password-resets/use',
  tags: ['auth'],
  summary: 'Set a new password with a reset link (once); every session of the user ends',
  middleware: [anonymousLimit] as const,
  request: { body: jsonBody(z.object({ token: Token, newPassword: Password })) },
  responses: { 204: { description: 'Password set' }, ...errorResponses(400, 404, 429) },
});

/** The web client's page for a reset token (the app opens it at this hash route). */
export const resetLink = (origin: string, token: string) =>
  `${origin}/#/password-reset/${encodeURIComponent(token)}`;

/** Password change and administrators' password-reset links. */
export function passwordRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(change, async (c) => {
    const result = await c
      .get('identity')
      .passwords.change(c.get('principal'), c.req.valid('json'), requestMeta(c));
    return c.json(result, 200);
  });
  app.openapi(issue, async (c) => {
    const origin = new URL(c.req.url).origin;
    const issued = await c
      .get('identity')
      .passwords.issueReset(
        c.get('principal'),
        c.req.valid('param').userId,
        (token) => resetLink(origin, token),
        requestMeta(c),
      );
    return c.json(issued, 201);
  });
  app.openapi(preview, async (c) => {
    const shown = await c.get('identity').passwords.previewReset(c.req.valid('json').token);
    return c.json(shown, 200);
  });
  app.openapi(use, async (c) => {
    const { token, newPassword } = c.req.valid('json');
    await c.get('identity').passwords.useReset(token, newPassword, requestMeta(c));
    return c.body(null, 204);
  });
  return app;
}
