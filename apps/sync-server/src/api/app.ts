import { OpenAPIHono } from '@hono/zod-openapi';
import type { Identity } from '../identity/identity';
import type { ApiEnv } from './env';
import { errorResponder, notFoundResponder, validationHook, type ErrorReporter } from './errors';
import type { Logger } from '../log';
import { accessLog, requestId, strictUtf8Body } from './middleware';
import { apiKeyRoutes } from './routes/apiKeys';
import { auditRoutes } from './routes/audit';
import { auditCheckpointRoutes } from './routes/auditCheckpoints';
import { authRoutes } from './routes/auth';
import { memberRoutes } from './routes/members';
import { passwordRoutes } from './routes/passwords';
import { syncTicketRoutes } from './routes/syncTickets';
import { workspaceRoutes } from './routes/workspaces';

/** Extra routers other parts of the server mount under `/api/v1` (documents, search, …). */
export type ApiRouter = OpenAPIHono<ApiEnv>;

/**
 * The REST API, to be mounted at `/api/v1`: request ids, validation with zod,
 * errors in DESIGN.md's shape, and the OpenAPI document at `/openapi.json`.
 */
export function createApi(
  identity: Identity,
  options: { report: ErrorReporter; log?: Logger; routers?: ApiRouter[] },
): OpenAPIHono<ApiEnv> {
  const api = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  api.use('*', requestId);
  if (options.log) api.use('*', accessLog(options.log));
  api.use('*', async (c, next) => {
    c.set('identity', identity);
    await next();
  });
  api.use('*', strictUtf8Body);
  api.onError(errorResponder(options.report));
  api.notFound(notFoundResponder);
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An access token (JWT from /auth/login) or an API key `fb_<prefix>_<secret>`',
  });
  for (const router of [
    authRoutes(),
    passwordRoutes(),
    workspaceRoutes(),
    memberRoutes(),
    apiKeyRoutes(),
    syncTicketRoutes(),
    auditRoutes(),
    auditCheckpointRoutes(),
    ...(options.routers ?? []),
  ]) {
    api.route('/', router);
  }
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Fieldbook API',
      version: '1',
      description:
        'Errors are `{"error":{"code","message","details","requestId"}}`. Anything of another tenant answers 404, exactly as an unknown id.',
    },
    servers: [{ url: '/api/v1' }],
  });
  api.all('*', notFoundResponder);
  return api;
}
