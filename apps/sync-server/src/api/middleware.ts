import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { FieldbookError, decodeUtf8Strict } from '@fieldbook/shared';
import { randomString } from '../identity/secrets';
import type { RequestMeta } from '../identity/principal';
import type { Logger } from '../log';
import type { ApiEnv } from './env';

const INCOMING_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Gives every request an id (a well-formed incoming `X-Request-Id` is kept) and echoes it back. */
export const requestId: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const incoming = c.req.header('x-request-id');
  const id = incoming && INCOMING_ID.test(incoming) ? incoming : `req_${randomString(16)}`;
  c.set('requestId', id);
  c.header('X-Request-Id', id);
  await next();
};

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i;

/**
 * Refuses a JSON body that is not valid UTF-8 (VALIDATION_ERROR, 400) before
 * any route parses it: the default decoder would quietly turn the bad bytes
 * into U+FFFD and store text the client never sent.
 */
export const strictUtf8Body: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    decodeUtf8Strict(new Uint8Array(await c.req.arrayBuffer()), 'request body');
  }
  await next();
};

/** The peer address of the request (the socket's; proxies are not trusted), or null in-process. */
export function clientAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/** Address and request id, for audit entries. */
export function requestMeta(c: Context<ApiEnv>): RequestMeta {
  return { ip: clientAddress(c), requestId: c.get('requestId') };
}

/** The bearer credential of the request, or null. */
function bearer(c: Context): string | null {
  const header = c.req.header('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match)
    throw new FieldbookError(
      'AUTH_TOKEN_INVALID',
      'Authorization must be "Bearer <token or API key>"',
    );
  return match[1]!;
}

async function authenticate(c: Context<ApiEnv>, credential: string): Promise<void> {
  const identity = c.get('identity');
  const principal = await identity.authenticate(credential);
  const limited = identity.limiter.consume([
    principal.kind === 'user' ? ['user', principal.userId] : ['apiKey', principal.key.id],
    ['tenant', principal.tenantId],
  ]);
  if (limited) await limited;
  c.set('principal', principal);
}

/** Requires an access token or API key; counts the request against the caller's and tenant's buckets. */
export const requireAuth: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const credential = bearer(c);
  if (!credential) throw new FieldbookError('AUTH_REQUIRED', 'Sign in or send an API key');
  await authenticate(c, credential);
  await next();
};

/** Authenticates when a credential is sent; otherwise counts the request as anonymous per address. */
export const optionalAuth: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const credential = bearer(c);
  if (credential) await authenticate(c, credential);
  else {
    const limited = c
      .get('identity')
      .limiter.consume([['anonymous', clientAddress(c) ?? 'unknown']]);
    if (limited) await limited;
  }
  await next();
};

/** Counts an unauthenticated request against its address's bucket. */
export const anonymousLimit: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const limited = c.get('identity').limiter.consume([['anonymous', clientAddress(c) ?? 'unknown']]);
  if (limited) await limited;
  await next();
};

/**
 * One log line per request: method, path (never the query string), status,
 * duration, request id and the caller's ids. Never headers or bodies.
 */
export function accessLog(log: Logger): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const principal = c.get('principal');
    const status = c.res.status;
    log[status >= 500 ? 'error' : 'info'](
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        tenantId: principal?.tenantId,
        principal: principal
          ? principal.kind === 'user'
            ? principal.userId
            : principal.key.id
          : undefined,
      },
      'request',
    );
  };
}
