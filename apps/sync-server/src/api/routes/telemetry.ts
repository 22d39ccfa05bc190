import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Action } from '@fieldbook/shared';
import { notFound } from '../../identity/access';
import type { Identity } from '../../identity/identity';
import type { Principal } from '../../identity/principal';
import type { TelemetryStore } from '../../telemetry/telemetryStore';
import type { ApiEnv } from '../env';
import { validationHook } from '../errors';
import { requireAuth } from '../middleware';
import { Id, Millis, errorResponses, json } from '../schemas';

const security = [{ bearer: [] }];
const WsParams = z.object({ ws: Id.openapi({ param: { name: 'ws', in: 'path' } }) });
const IdParams = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });

const Channel = z
  .object({
    id: Id,
    workspaceId: Id.nullable(),
    agentId: z.string(),
    instrumentKey: z.string(),
    key: z.string(),
    dataType: z.string(),
    unit: z.string(),
    freshness: z.enum(['LIVE', 'STALE']),
    lastT: Millis.nullable(),
    spec: z.record(z.string(), z.unknown()),
  })
  .openapi('Channel');

const Samples = z
  .object({
    channelId: Id,
    from: z.number(),
    to: z.number(),
    bucketMs: z.number(),
    start: z.array(z.number()),
    count: z.array(z.number()),
    min: z.array(z.number()),
    minT: z.array(z.number()),
    max: z.array(z.number()),
    maxT: z.array(z.number()),
  })
  .openapi('DecimatedSamples', {
    description:
      'Non-empty buckets of equal time width in [from, to], each with its true min and max and their times',
  });

const SamplesQuery = z
  .object({
    from: z.coerce.number().int().openapi({ description: 'epoch ms' }),
    to: z.coerce.number().int().openapi({ description: 'epoch ms' }),
    maxPoints: z.coerce.number().int().min(1).max(100_000).default(1000),
  })
  .refine((q) => q.to >= q.from, { message: 'to must not be before from', path: ['to'] });

const listChannels = createRoute({
  method: 'get',
  path: '/workspaces/{ws}/channels',
  tags: ['telemetry'],
  summary: "Telemetry channels of the workspace's instruments (and tenant-wide ones)",
  security,
  middleware: [requireAuth] as const,
  request: { params: WsParams },
  responses: {
    200: json(z.object({ items: z.array(Channel) }), 'Channels'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const samples = createRoute({
  method: 'get',
  path: '/channels/{id}/samples',
  tags: ['telemetry'],
  summary: 'Samples of a channel over [from, to], min/max-decimated to maxPoints buckets',
  security,
  middleware: [requireAuth] as const,
  request: { params: IdParams, query: SamplesQuery },
  responses: { 200: json(Samples, 'Buckets'), ...errorResponses(400, 401, 403, 404, 429) },
});

/**
 * Checks that `principal` may do `action` on a resource of `workspaceId`. A
 * tenant-wide resource (null workspace, from an agent key without a
 * workspace) is readable by anyone holding the action in some workspace.
 * Anything not visible is the same RESOURCE_NOT_FOUND as an unknown id.
 */
async function authorizeResource(
  identity: Identity,
  principal: Principal,
  workspaceId: string | null,
  action: Action,
  what: string,
): Promise<void> {
  if (workspaceId !== null) {
    if (!(await identity.access.grantFor(principal, workspaceId))) throw notFound(what);
    await identity.access.require(principal, workspaceId, action);
    return;
  }
  const page = await identity.workspaces.list(principal, {
    includeArchived: false,
    cursor: null,
    limit: 1,
  });
  if (page.items.length === 0) throw notFound(what);
}

/** Telemetry read routes over the server's TelemetryStore, tenant-scoped (instruments: src/instruments/routes). */
export function telemetryRoutes(store: TelemetryStore) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  const inWorkspace = (ws: string) => (r: { workspaceId: string | null }) =>
    r.workspaceId === ws || r.workspaceId === null;

  app.openapi(listChannels, async (c) => {
    const principal = c.get('principal');
    const { ws } = c.req.valid('param');
    await c.get('identity').access.require(principal, ws, 'telemetry.read');
    const items = (await store.listChannels(principal.tenantId)).filter(inWorkspace(ws));
    return c.json({ items: items.map(({ tenantId: _t, ...rest }) => rest) }, 200);
  });

  app.openapi(samples, async (c) => {
    const principal = c.get('principal');
    const { id } = c.req.valid('param');
    const channel = (await store.listChannels(principal.tenantId)).find((ch) => ch.id === id);
    if (!channel) throw notFound('Channel');
    await authorizeResource(
      c.get('identity'),
      principal,
      channel.workspaceId,
      'telemetry.read',
      'Channel',
    );
    const series = await store.querySamples(principal.tenantId, id, c.req.valid('query'));
    return c.json({ channelId: id, ...series }, 200);
  });

  return app;
}
