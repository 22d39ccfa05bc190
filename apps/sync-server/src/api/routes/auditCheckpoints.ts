import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { CheckpointSchema } from '../../audit/checkpoints';
import { pageQuery, withCursor } from '../cursor';
import type { ApiEnv } from '../env';
import { validationHook } from '../errors';
import { anonymousLimit, requireAuth } from '../middleware';
import { errorResponses, json, pageOf } from '../schemas';

const Checkpoint = z.object(CheckpointSchema.shape).openapi('AuditCheckpoint', {
  description:
    "A signed statement of a tenant's audit chain head: Ed25519 over the canonical JSON (sorted keys, no spaces) of v, tenantId, seq, headSeq, headHash, ts, signingKeyId; optionally an RFC 3161 time-stamp token over the canonical JSON of {payload, signature}",
});

const PublicKey = z
  .object({
    keyId: z.string(),
    algorithm: z.literal('Ed25519'),
    jwk: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string() }),
    pem: z.string(),
  })
  .openapi('AuditCheckpointKey');

const list = createRoute({
  method: 'get',
  path: '/audit/checkpoints',
  tags: ['audit'],
  summary: "Signed checkpoints of the tenant's audit chain head, newest first (tenant admins)",
  security: [{ bearer: [] }],
  middleware: [requireAuth] as const,
  request: { query: pageQuery(z.number().int().min(1)) },
  responses: {
    200: json(pageOf(Checkpoint), 'A page of checkpoints'),
    ...errorResponses(400, 401, 403, 429),
  },
});

const key = createRoute({
  method: 'get',
  path: '/audit/checkpoints/key',
  tags: ['audit'],
  summary: 'The public key that signs audit checkpoints, so anyone can check them (no sign-in)',
  middleware: [anonymousLimit] as const,
  responses: { 200: json(PublicKey, 'The checkpoint public key'), ...errorResponses(429) },
});

/** Audit checkpoint routes: the tenant's checkpoints and the published key. */
export function auditCheckpointRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(list, async (c) => {
    const identity = c.get('identity');
    const principal = c.get('principal');
    identity.access.requireTenantAdmin(principal);
    const q = c.req.valid('query');
    const page = await identity.checkpoints.list(principal.tenantId, q.cursor ?? null, q.limit);
    return c.json(withCursor(page), 200);
  });
  app.openapi(key, (c) => c.json(c.get('identity').checkpoints.publicKey, 200));
  return app;
}
