// `GET /workspaces/:ws/documents` (paged listing), `GET …/documents/:doc` (metadata) and
// `GET …/documents/:doc/digest` (state vector and canonical hash, to verify a copy).
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { DOC_KINDS, DocumentDigestSchema } from '@fieldbook/shared';
import {
  describeDocument,
  digestDocument,
  listDocuments,
  type ListingDeps,
} from '../../history/documentListing';
import type { ApiEnv } from '../env';
import { validationHook } from '../errors';
import { requireAuth } from '../middleware';
import { encodeCursor, pageQuery } from '../cursor';
import { Id, Millis, errorResponses, json } from '../schemas';

const security = [{ bearer: [] }];

/** Path parameters `ws` (and `doc`) of the document routes. */
export const WsParams = z.object({ ws: Id.openapi({ param: { name: 'ws', in: 'path' } }) });
export const DocParams = WsParams.extend({
  doc: Id.openapi({ param: { name: 'doc', in: 'path' } }),
});

const DocumentInfo = z
  .object({
    id: z.string(),
    kind: z.enum(DOC_KINDS).nullable(),
    title: z.string(),
    createdBy: z.string(),
    createdAt: Millis,
    updatedAt: Millis,
    size: z.number().int().openapi({ description: 'stored bytes (snapshot + newer updates)' }),
    trashed: z.boolean(),
    trashedAt: Millis.nullable(),
  })
  .openapi('DocumentInfo');

const listRoute = createRoute({
  method: 'get',
  path: '/workspaces/{ws}/documents',
  tags: ['documents'],
  summary: 'The documents of a workspace as its index lists them, oldest first',
  security,
  middleware: [requireAuth] as const,
  request: { params: WsParams, query: pageQuery(Id, { max: 200, fallback: 50 }) },
  responses: {
    200: json(
      z.object({ items: z.array(DocumentInfo), nextCursor: z.string().nullable() }),
      'A page of documents',
    ),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/workspaces/{ws}/documents/{doc}',
  tags: ['documents'],
  summary: "A document's metadata",
  security,
  middleware: [requireAuth] as const,
  request: { params: DocParams },
  responses: {
    200: json(DocumentInfo, 'The document'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const digestRoute = createRoute({
  method: 'get',
  path: '/workspaces/{ws}/documents/{doc}/digest',
  tags: ['documents'],
  summary: "The server's state vector of a document and the sha256 of its canonical state",
  description:
    'A client compares both with its own copy after syncing: equal state vectors and hashes mean the copies are identical. Anyone who may read the document may ask.',
  security,
  middleware: [requireAuth] as const,
  request: { params: DocParams },
  responses: {
    200: json(z.object(DocumentDigestSchema.shape).openapi('DocumentDigest'), 'The digest'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

/** The documents routes, reading the workspace index from the live hub or the store. */
export function documentRoutes(deps: ListingDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  app.openapi(listRoute, async (c) => {
    const { ws } = c.req.valid('param');
    const { cursor, limit } = c.req.valid('query');
    await c.get('identity').access.require(c.get('principal'), ws, 'document.read');
    const page = await listDocuments(deps, ws, { after: cursor, limit });
    return c.json({ items: page.items, nextCursor: page.next && encodeCursor(page.next) }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const { ws, doc } = c.req.valid('param');
    const { workspace } = await c
      .get('identity')
      .access.require(c.get('principal'), ws, 'document.read');
    const info = await describeDocument(deps, {
      tenantId: workspace.tenantId,
      workspaceId: ws,
      docId: doc,
    });
    return c.json(info, 200);
  });

  app.openapi(digestRoute, async (c) => {
    const { ws, doc } = c.req.valid('param');
    const { workspace } = await c
      .get('identity')
      .access.require(c.get('principal'), ws, 'document.read');
    const ref = { tenantId: workspace.tenantId, workspaceId: ws, docId: doc };
    return c.json(await digestDocument(deps, ref), 200);
  });

  return app;
}
