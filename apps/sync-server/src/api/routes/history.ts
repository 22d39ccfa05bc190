// History of a document: `…/documents/:doc/history`, `…/versions` (list, name),
// `…/versions/:v` (snapshot), `…/versions/:a/diff/:b`, `…/versions/:v/restore`,
// and one annotation's `…/annotations/:id/history` and `…/annotations/:id/restore`.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  DOC_KINDS,
  DocDiffSchema,
  HistoryEntrySchema,
  VersionNameSchema,
  VersionSchema,
} from '@fieldbook/shared';
import type { Context } from 'hono';
import type { HistoryService } from '../../history/historyService';
import { actorOf, type Principal } from '../../identity/principal';
import type { Actor } from '../../audit/types';
import type { ApiEnv } from '../env';
import { validationHook } from '../errors';
import { requestMeta, requireAuth } from '../middleware';
import { encodeCursor, pageQuery } from '../cursor';
import { Id, errorResponses, json, jsonBody } from '../schemas';
import { DocParams } from './documents';

const security = [{ bearer: [] }];
const base = '/workspaces/{ws}/documents/{doc}';
/** A version id in a path or body: a named version's id or a seq. */
export const VersionId = z
  .string()
  .regex(
    /^([1-9]\d{0,15}|[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$/,
    'expected a version id: a named version id or a seq',
  );
const param = (name: string) => VersionId.openapi({ param: { name, in: 'path' } });
const SeqPage = pageQuery(z.number().int().positive(), { max: 100, fallback: 30 });
const Page = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
const Snapshot = z
  .object({ id: z.string(), seq: z.number().int(), kind: z.enum(DOC_KINDS), snapshot: z.unknown() })
  .openapi('VersionSnapshot');
const Restored = z
  .object({
    version: z.string(),
    versionSeq: z.number().int(),
    seq: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "the restore's seq; null when nothing changed" }),
  })
  .openapi('Restored');
const AnnotationParams = DocParams.extend({
  id: Id.openapi({ param: { name: 'id', in: 'path' } }),
});
const errors = errorResponses(400, 401, 403, 404, 409, 429);
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ ...r, tags: ['history'], security, middleware: [requireAuth] as const });

const historyRoute = route({
  method: 'get',
  path: `${base}/history`,
  summary: "A document's changes grouped into entries (person, session, short time), newest first",
  description:
    'Each entry says what changed in the kind’s words (characters and headings of a note; annotations created, moved, edited, approved, reopened, deleted and comments of a collection; panels and channels of a view). `lastSeq` is the version to open to see the document right after it.',
  request: { params: DocParams, query: SeqPage },
  responses: { 200: json(Page(HistoryEntrySchema, 'HistoryPage'), 'Entries'), ...errors },
});
const versionsRoute = route({
  method: 'get',
  path: `${base}/versions`,
  summary: 'Named versions and the automatic ones (the end of every history entry), newest first',
  request: { params: DocParams, query: SeqPage },
  responses: { 200: json(Page(VersionSchema, 'VersionPage'), 'Versions'), ...errors },
});
const nameRoute = route({
  method: 'post',
  path: `${base}/versions`,
  summary: "Names the document's current state",
  request: { params: DocParams, body: jsonBody(z.object({ name: VersionNameSchema })) },
  responses: { 201: json(VersionSchema, 'The named version'), ...errors },
});
const snapshotRoute = route({
  method: 'get',
  path: `${base}/versions/{v}`,
  summary: "The document's plain snapshot at a version",
  request: { params: DocParams.extend({ v: param('v') }) },
  responses: { 200: json(Snapshot, 'The snapshot'), ...errors },
});
const diffRoute = route({
  method: 'get',
  path: `${base}/versions/{a}/diff/{b}`,
  summary: "What differs from version a to version b, in the kind's terms",
  request: { params: DocParams.extend({ a: param('a'), b: param('b') }) },
  responses: { 200: json(DocDiffSchema, 'The diff'), ...errors },
});
const restoreRoute = route({
  method: 'post',
  path: `${base}/versions/{v}/restore`,
  summary:
    'Brings a version back as a forward change (synced live, audited; undo by restoring the version before it)',
  request: { params: DocParams.extend({ v: param('v') }) },
  responses: { 200: json(Restored, 'Restored'), ...errors },
});
const annotationHistoryRoute = route({
  method: 'get',
  path: `${base}/annotations/{id}/history`,
  summary: 'The history entries that touched one annotation, newest first',
  request: { params: AnnotationParams, query: SeqPage },
  responses: { 200: json(Page(HistoryEntrySchema, 'HistoryPage'), 'Entries'), ...errors },
});
const annotationRestoreRoute = route({
  method: 'post',
  path: `${base}/annotations/{id}/restore`,
  summary: 'Brings one annotation back as it was at a version, leaving the others as they are',
  request: { params: AnnotationParams, body: jsonBody(z.object({ version: VersionId })) },
  responses: { 200: json(Restored, 'Restored'), ...errors },
});

/** Display names of `ids` in the tenant (null for ids that are not users, e.g. API keys). */
async function namesOf(c: Context<ApiEnv>, tenantId: string, ids: Iterable<string>) {
  const store = c.get('identity').store;
  const names = new Map<string, string | null>();
  for (const id of new Set(ids)) names.set(id, (await store.getUser(tenantId, id))?.name ?? null);
  return names;
}

/** The history routes; `rememberActor` lets the audit of the restore's edit name the caller. */
export function historyRoutes(
  history: HistoryService,
  rememberActor: (id: string, actor: Actor) => void,
) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  /** Authorizes `action` on the workspace and finds the document in it. */
  async function documentOf(
    c: Context<ApiEnv>,
    action: 'version.read' | 'version.create' | 'version.restore',
  ) {
    const { ws, doc } = c.req.param() as { ws: string; doc: string };
    const principal = c.get('principal');
    const { workspace } = await c.get('identity').access.require(principal, ws, action);
    const ref = { tenantId: workspace.tenantId, workspaceId: ws, docId: doc };
    await history.requireDocument(ref);
    return { ref, principal };
  }

  const idOf = (p: Principal) => (p.kind === 'user' ? p.userId : p.key.id);

  async function entriesPage(c: Context<ApiEnv>, part?: string) {
    const { ref } = await documentOf(c, 'version.read');
    const { cursor, limit } = SeqPage.parse(c.req.query());
    const page = await history.entries(ref, { before: cursor, limit, part });
    const names = await namesOf(
      c,
      ref.tenantId,
      page.items.map((e) => e.actor),
    );
    return {
      items: page.items.map((e) => ({ ...e, actorName: names.get(e.actor) ?? null })),
      nextCursor: page.next === null ? null : encodeCursor(page.next),
    };
  }

  async function audited(
    c: Context<ApiEnv>,
    principal: Principal,
    ref: { workspaceId: string; docId: string },
    summary: Record<string, unknown>,
    annotation?: string,
  ) {
    await c.get('identity').audit.record(principal.tenantId, {
      actor: actorOf(principal),
      action: 'version.restore',
      outcome: 'success',
      resource: annotation
        ? { type: 'annotation', id: annotation }
        : { type: 'document', id: ref.docId },
      workspaceId: ref.workspaceId,
      summary: annotation ? { ...summary, document: ref.docId } : summary,
      ...requestMeta(c),
    });
  }

  app.openapi(historyRoute, async (c) => c.json(await entriesPage(c), 200));
  app.openapi(annotationHistoryRoute, async (c) =>
    c.json(await entriesPage(c, c.req.valid('param').id), 200),
  );

  app.openapi(versionsRoute, async (c) => {
    const { ref } = await documentOf(c, 'version.read');
    const { cursor, limit } = c.req.valid('query');
    const page = await history.versions(ref, { before: cursor, limit });
    const names = await namesOf(
      c,
      ref.tenantId,
      page.items.map((v) => v.createdBy),
    );
    return c.json(
      {
        items: page.items.map((v) => ({ ...v, createdByName: names.get(v.createdBy) ?? null })),
        nextCursor: page.next === null ? null : encodeCursor(page.next),
      },
      200,
    );
  });

  app.openapi(nameRoute, async (c) => {
    const { ref, principal } = await documentOf(c, 'version.create');
    const version = await history.nameVersion(ref, idOf(principal), c.req.valid('json').name);
    const names = await namesOf(c, ref.tenantId, [version.createdBy]);
    return c.json({ ...version, createdByName: names.get(version.createdBy) ?? null }, 201);
  });

  app.openapi(snapshotRoute, async (c) => {
    const { ref } = await documentOf(c, 'version.read');
    return c.json(await history.snapshot(ref, c.req.valid('param').v), 200);
  });

  app.openapi(diffRoute, async (c) => {
    const { ref } = await documentOf(c, 'version.read');
    const { a, b } = c.req.valid('param');
    return c.json(await history.diff(ref, a, b), 200);
  });

  app.openapi(restoreRoute, async (c) => {
    const { ref, principal } = await documentOf(c, 'version.restore');
    rememberActor(idOf(principal), actorOf(principal));
    const restored = await history.restore(ref, c.req.valid('param').v, idOf(principal));
    await audited(c, principal, ref, restored);
    return c.json(restored, 200);
  });

  app.openapi(annotationRestoreRoute, async (c) => {
    const { ref, principal } = await documentOf(c, 'version.restore');
    const { id } = c.req.valid('param');
    rememberActor(idOf(principal), actorOf(principal));
    const restored = await history.restore(ref, c.req.valid('json').version, idOf(principal), id);
    await audited(c, principal, ref, restored, id);
    return c.json(restored, 200);
  });

  return app;
}
