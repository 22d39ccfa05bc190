import { z } from '@hono/zod-openapi';
import { CAPABILITIES, ERROR_STATUS, ROLES, text, type ErrorCode } from '@fieldbook/shared';
import { pageQuery } from './cursor';

/** A UUIDv7 id (the only id form Fieldbook accepts). */
export const Id = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    'expected a lower-case UUIDv7',
  )
  .openapi({ example: '01934f6e-8a3b-7c1d-9e2f-0a1b2c3d4e5f' });

/** Epoch milliseconds. */
export const Millis = z
  .number()
  .int()
  .openapi({ description: 'epoch milliseconds', example: 1767225600000 });

export const Role = z.enum(ROLES);
export const Capability = z.enum(CAPABILITIES);

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string(),
    }),
  })
  .openapi('Error');

/** Error responses every route may give, described once. */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409 | 423 | 429)[]) {
  const described: Record<number, string> = {
    400: 'Invalid input (VALIDATION_ERROR)',
    401: 'Missing, invalid or expired credential',
    403: 'Your role may not do this (AUTH_INSUFFICIENT_PERMISSIONS)',
    404: 'Not found — also for anything of another tenant',
    409: 'Conflict',
    423: 'Account locked after repeated failed sign-ins (AUTH_ACCOUNT_LOCKED)',
    429: 'Rate limited (RATE_LIMIT_EXCEEDED); see Retry-After',
  };
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: described[s]!, content: { 'application/json': { schema: ErrorBody } } },
    ]),
  ) as Record<
    (typeof statuses)[number],
    { description: string; content: { 'application/json': { schema: typeof ErrorBody } } }
  >;
}

/** `?cursor=&limit=` of the lists paged by id (workspaces, members, API keys). */
export const PageQuery = pageQuery(Id);

/** `{items, nextCursor}` of `item`. */
export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodTypeAny>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

// Every string a request carries builds on `text()` from @fieldbook/shared (the
// one rule: no NUL, no lone surrogates), so each refuses them with a 400.
export const Email = text().trim().toLowerCase().email().max(254);
export const Password = text().min(10, 'at least 10 characters').max(256);
export const Name = text().trim().min(1).max(200);
/** An opaque token a client hands back (refresh token, invitation). */
export const Token = text().min(1).max(512);

export const User = z
  .object({
    id: Id,
    tenantId: Id,
    email: z.string(),
    name: z.string(),
    tenantRole: z.enum(['admin', 'member']),
    createdAt: Millis,
  })
  .openapi('User');

export const Tokens = z
  .object({
    accessToken: z.string().openapi({ description: 'JWT, ≤ 15 minutes' }),
    refreshToken: z
      .string()
      .openapi({ description: 'opaque, single use; rotate with /auth/refresh' }),
    expiresAt: Millis,
    user: User,
  })
  .openapi('Tokens');

export const Workspace = z
  .object({
    id: Id,
    tenantId: Id,
    name: z.string(),
    createdBy: Id,
    createdAt: Millis,
    archivedAt: Millis.nullable(),
    /** Approving an annotation needs a signing token (POST /auth/signing-token). */
    approvalsNeedPassword: z.boolean(),
    /** A contributor's new annotation notifies the members who may approve it (`approval.annotation`). */
    annotationsNeedReview: z.boolean(),
  })
  .openapi('Workspace');

export const Member = z
  .object({
    tenantId: Id,
    workspaceId: Id,
    userId: Id,
    role: Role,
    capabilities: z.array(Capability),
    createdAt: Millis,
    updatedAt: Millis,
    email: z.string().optional(),
    name: z.string().optional(),
    lastActiveAt: Millis.nullable()
      .optional()
      .openapi({ description: 'latest sign-in or session renewal; null: never signed in' }),
  })
  .openapi('Member');

export const Invitation = z
  .object({
    id: Id,
    tenantId: Id,
    workspaceId: Id,
    role: Role,
    capabilities: z.array(Capability),
    createdBy: Id,
    createdAt: Millis,
    expiresAt: Millis,
    usedAt: Millis.nullable(),
    usedBy: Id.nullable(),
  })
  .openapi('Invitation');

export const ApiKey = z
  .object({
    id: Id,
    tenantId: Id,
    prefix: z.string(),
    name: z.string(),
    createdBy: Id,
    workspaceId: Id.nullable(),
    access: z.enum(['read', 'write']),
    agent: z.boolean(),
    createdAt: Millis,
    expiresAt: Millis.nullable(),
    revokedAt: Millis.nullable(),
    lastUsedAt: Millis.nullable(),
  })
  .openapi('ApiKey');

export const AuditEntry = z
  .object({
    id: Id,
    tenantId: Id,
    seq: z.number().int(),
    ts: Millis,
    actor: z.object({
      type: z.enum(['user', 'apiKey', 'system', 'anonymous']),
      id: z.string().nullable(),
      label: z.string().nullable(),
    }),
    action: z.string(),
    outcome: z.enum(['success', 'failure']),
    resource: z.object({ type: z.string(), id: z.string().nullable() }),
    workspaceId: z.string().nullable(),
    summary: z.record(z.string(), z.unknown()).nullable(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    keyId: z
      .string()
      .nullable()
      .openapi({ description: 'the audit key that sealed the entry; null before audit keys' }),
    prevHash: z.string(),
    hash: z.string().openapi({ description: 'HMAC-SHA256 (sha256 when keyId is null), hex' }),
  })
  .openapi('AuditEntry');
