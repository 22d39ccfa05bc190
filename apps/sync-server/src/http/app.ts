import { Hono } from 'hono';
import { FieldbookError, newId, toErrorBody } from '@fieldbook/shared';
import type { Logger } from '../log';
import type { SyncMetrics } from '../metrics';
import type { DocStore } from '../storage/docStore';

/** What the HTTP routes read. */
export interface HttpAppDeps {
  store: DocStore;
  metrics: SyncMetrics;
  log: Logger;
  /** Which database holds the stores, reported by /health. */
  database: 'sqlite' | 'postgres';
  /** Pings Redis when the node shares its work through it (REDIS_URL). */
  redisHealth?: () => Promise<void>;
  /** Counts shown by /health. */
  status(): { connections: number; documents: number };
}

/**
 * Builds the Hono app: `/health` (storage and which database), `/metrics`, and the JSON error format.
 * Further routers (REST under /api/v1) mount on the returned app.
 */
export function buildHttpApp(deps: HttpAppDeps): Hono {
  const app = new Hono();

  app.get('/health', async (c) => {
    try {
      await deps.store.health();
    } catch (error) {
      deps.log.error({ err: error }, 'storage health check failed');
      throw new FieldbookError('SERVICE_UNAVAILABLE', 'Storage is unavailable', {
        storage: 'down',
        database: deps.database,
      });
    }
    let redis: 'ok' | undefined;
    if (deps.redisHealth) {
      try {
        await deps.redisHealth();
        redis = 'ok';
      } catch (error) {
        deps.log.error({ err: error }, 'redis health check failed');
        throw new FieldbookError('SERVICE_UNAVAILABLE', 'Redis is unavailable', {
          storage: 'ok',
          database: deps.database,
          redis: 'down',
        });
      }
    }
    return c.json({
      status: 'ok',
      storage: 'ok',
      database: deps.database,
      ...(redis && { redis }),
      ...deps.status(),
    });
  });

  app.get('/metrics', async (c) => {
    const body = await deps.metrics.registry.metrics();
    return c.body(body, 200, { 'Content-Type': deps.metrics.registry.contentType });
  });

  app.notFound(() => {
    throw new FieldbookError('RESOURCE_NOT_FOUND', 'No such route');
  });

  app.onError((error, c) => {
    const requestId = newId();
    const body = toErrorBody(error, requestId);
    const status = error instanceof FieldbookError ? error.status : 500;
    if (status >= 500)
      deps.log.error({ err: error, requestId, path: c.req.path }, 'request failed');
    return c.json(body, status as 500);
  });

  return app;
}
