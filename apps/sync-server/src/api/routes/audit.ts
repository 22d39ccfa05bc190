import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { text } from '@fieldbook/shared';
import { toCsv } from '../../audit/exportFormats';
import { CHAIN_FAULTS, type AuditFilter } from '../../audit/types';
import { actorOf } from '../../identity/principal';
import type { ApiEnv } from '../env';
import { pageQuery, withCursor } from '../cursor';
import { validationHook } from '../errors';
import { requestMeta, requireAuth } from '../middleware';
import { AuditEntry, Id, Millis, errorResponses, json, pageOf } from '../schemas';

const security = [{ bearer: [] }];

const Filters = z.object({
  action: text().max(100).optional(),
  actorId: text().max(64).optional(),
  resourceType: text().max(50).optional(),
  resourceId: text().max(64).optional(),
  workspaceId: Id.optional().openapi({ description: 'only this workspace; its admins may ask' }),
  outcome: z.enum(['success', 'failure']).optional(),
  from: z.coerce.number().int().optional().openapi({ description: 'epoch ms, inclusive' }),
  to: z.coerce.number().int().optional().openapi({ description: 'epoch ms, exclusive' }),
});

const list = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['audit'],
  summary: 'Audit entries, newest first (tenant admins; workspace admins with workspaceId)',
  security,
  middleware: [requireAuth] as const,
  request: {
    query: Filters.extend(pageQuery(z.number().int().min(1), { max: 500, fallback: 100 }).shape),
  },
  responses: {
    200: json(pageOf(AuditEntry), 'A page of entries'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const verify = createRoute({
  method: 'get',
  path: '/audit/verify',
  tags: ['audit'],
  summary:
    "Recompute the tenant's chain with each entry's audit key, compare it with every signed checkpoint (database and checkpoint file), and name the first bad entry (tenant admins)",
  security,
  middleware: [requireAuth] as const,
  responses: {
    200: json(
      z.object({
        ok: z.boolean(),
        checked: z.number().int(),
        headSeq: z.number().int().optional(),
        firstBad: z
          .object({
            seq: z.number().int(),
            reason: z.enum(CHAIN_FAULTS),
            message: z.string(),
          })
          .optional(),
        checkpoints: z.object({
          checked: z.number().int(),
          external: z.number().int().nullable(),
          unverifiable: z.number().int(),
          timestamped: z.number().int(),
          badTimestamps: z.number().int(),
          latest: z
            .object({ seq: z.number().int(), headSeq: z.number().int(), ts: Millis })
            .nullable(),
        }),
      }),
      'Verification result',
    ),
    ...errorResponses(401, 403, 429),
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/audit/export',
  tags: ['audit'],
  summary: 'Export audit entries as CSV or JSON, oldest first (same access as GET /audit)',
  security,
  middleware: [requireAuth] as const,
  request: { query: Filters.extend({ format: z.enum(['csv', 'json']).default('json') }) },
  responses: {
    200: {
      description: 'The export',
      content: {
        'text/csv': { schema: z.string() },
        'application/json': {
          schema: z.object({ tenantId: Id, exportedAt: Millis, entries: z.array(AuditEntry) }),
        },
      },
    },
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

/** Tenant admins read the whole log; a workspace admin only its workspace's entries. */
async function authorize(c: Context<ApiEnv>, workspaceId: string | undefined): Promise<void> {
  const identity = c.get('identity');
  const principal = c.get('principal');
  if (workspaceId) await identity.access.require(principal, workspaceId, 'audit.read');
  else identity.access.requireTenantAdmin(principal);
}

function filterOf(q: z.infer<typeof Filters>): AuditFilter {
  const { action, actorId, resourceType, resourceId, workspaceId, outcome, from, to } = q;
  return Object.fromEntries(
    Object.entries({
      action,
      actorId,
      resourceType,
      resourceId,
      workspaceId,
      outcome,
      from,
      to,
    }).filter(([, v]) => v !== undefined),
  ) as AuditFilter;
}

/** Audit routes. */
export function auditRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    await authorize(c, q.workspaceId);
    const page = await c
      .get('identity')
      .audit.list(c.get('principal').tenantId, filterOf(q), q.cursor ?? null, q.limit);
    return c.json(withCursor({ items: page.entries, nextCursor: page.nextCursor }), 200);
  });
  app.openapi(verify, async (c) => {
    await authorize(c, undefined);
    const result = await c.get('identity').audit.verify(c.get('principal').tenantId);
    return c.json(result, 200);
  });
  app.openapi(exportRoute, async (c) => {
    const q = c.req.valid('query');
    await authorize(c, q.workspaceId);
    const identity = c.get('identity');
    const principal = c.get('principal');
    const entries = await identity.audit.exportEntries(principal.tenantId, filterOf(q));
    await identity.audit.record(principal.tenantId, {
      actor: actorOf(principal),
      action: 'audit.export',
      outcome: 'success',
      resource: { type: 'audit', id: null },
      workspaceId: q.workspaceId ?? null,
      summary: { format: q.format, entries: entries.length },
      ...requestMeta(c),
    });
    const stamp = new Date(identity.now()).toISOString().slice(0, 10);
    c.header('Content-Disposition', `attachment; filename="audit-${stamp}.${q.format}"`);
    if (q.format === 'csv') {
      return c.body(toCsv(entries), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    return c.json({ tenantId: principal.tenantId, exportedAt: identity.now(), entries }, 200);
  });
  return app;
}
