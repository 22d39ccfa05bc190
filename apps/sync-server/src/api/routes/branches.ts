// Branches of annotation collections: `POST/GET …/documents/:doc/branches` (fork at a
// version, list a source's branches), `GET …/:doc/branch` (a branch's source and base),
// `GET …/:doc/branch/diff` (branch against source), `GET …/:doc/branch/merge-preview`
// and `POST …/:doc/branch/merge` (back into the source as one forward change).
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { DocDiffSchema, type Action } from '@fieldbook/shared';
import type { Context } from 'hono';
import type { Branch } from '../../history/historyStore';
import type { HistoryService } from '../../history/historyService';
import { actorOf, type Principal } from '../../identity/principal';
import type { Actor } from '../../audit/types';
import type { ApiEnv } from '../env';
import { validationHook } from '../errors';
import { requestMeta, requireAuth } from '../middleware';
import { Id, Millis, errorResponses, json, jsonBody } from '../schemas';
import { DocParams } from './documents';
import { VersionId } from './history';

const security = [{ bearer: [] }];
const base = '/workspaces/{ws}/documents/{doc}';
const BranchSchema = z
  .object({
    id: z.string().openapi({ description: 'the branch document' }),
    sourceId: z.string(),
    baseVersion: z.string().openapi({ description: "the source's version it was forked at" }),
    baseSeq: z.number().int(),
    createdBy: z.string(),
    createdAt: Millis,
    merged: z
      .object({ seq: z.number().int(), by: z.string(), at: Millis })
      .nullable()
      .openapi({ description: 'the latest merge back (its seq in the source)' }),
  })
  .openapi('Branch');
const ForkBody = z.object({
  version: VersionId,
  title: z.string().trim().min(1).max(500).optional(),
});
const Merged = z
  .object({
    source: Id,
    seq: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "the merge's seq in the source; null when nothing changed" }),
    branch: BranchSchema,
  })
  .openapi('BranchMerged');
const errors = errorResponses(400, 401, 403, 404, 409, 429);
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ ...r, tags: ['history'], security, middleware: [requireAuth] as const });

const forkRoute = route({
  method: 'post',
  path: `${base}/branches`,
  summary: 'Forks an annotation collection at a version into a new document (a branch)',
  description:
    'The branch is listed beside its source and edited like any document (also offline); merge it back with `…/branch/merge`.',
  request: { params: DocParams, body: jsonBody(ForkBody) },
  responses: {
    201: json(BranchSchema.extend({ title: z.string() }), 'The new branch'),
    ...errors,
  },
});
const listRoute = route({
  method: 'get',
  path: `${base}/branches`,
  summary: 'The branches forked from a collection, newest first',
  request: { params: DocParams },
  responses: { 200: json(z.object({ items: z.array(BranchSchema) }), 'Branches'), ...errors },
});
const branchRoute = route({
  method: 'get',
  path: `${base}/branch`,
  summary: "A branch's source, base version and latest merge (404 when the document is no branch)",
  request: { params: DocParams },
  responses: { 200: json(BranchSchema, 'The branch'), ...errors },
});
const diffRoute = route({
  method: 'get',
  path: `${base}/branch/diff`,
  summary: 'What differs from the source as it is now to the branch as it is now',
  request: { params: DocParams },
  responses: { 200: json(DocDiffSchema, 'The diff'), ...errors },
});
const previewRoute = route({
  method: 'get',
  path: `${base}/branch/merge-preview`,
  summary: 'What merging the branch back would change in its source now (nothing is stored)',
  request: { params: DocParams },
  responses: { 200: json(DocDiffSchema, 'The changes a merge would make'), ...errors },
});
const mergeRoute = route({
  method: 'post',
  path: `${base}/branch/merge`,
  summary:
    "Merges the branch's changes back into its source as one forward change (synced live, audited)",
  request: { params: DocParams },
  responses: { 200: json(Merged, 'Merged'), ...errors },
});

const wire = (b: Branch) => {
  const { docId, ...rest } = b;
  return { id: docId, ...rest };
};
const idOf = (p: Principal) => (p.kind === 'user' ? p.userId : p.key.id);

/** The branch routes; `rememberActor` lets the audit of the merge's edit name the caller. */
export function branchRoutes(
  history: HistoryService,
  rememberActor: (id: string, actor: Actor) => void,
) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  const branches = history.branches;

  /** Authorizes `action` on the workspace and finds the document in it. */
  async function documentOf(c: Context<ApiEnv>, action: Action) {
    const { ws, doc } = c.req.param() as { ws: string; doc: string };
    const principal = c.get('principal');
    const { workspace } = await c.get('identity').access.require(principal, ws, action);
    const ref = { tenantId: workspace.tenantId, workspaceId: ws, docId: doc };
    await history.requireDocument(ref);
    return { ref, principal };
  }

  async function audit(
    c: Context<ApiEnv>,
    principal: Principal,
    action: 'branch.create' | 'branch.merge',
    at: { workspaceId: string; docId: string },
    summary: Record<string, unknown>,
  ) {
    await c.get('identity').audit.record(principal.tenantId, {
      actor: actorOf(principal),
      action,
      outcome: 'success',
      resource: { type: 'document', id: at.docId },
      workspaceId: at.workspaceId,
      summary,
      ...requestMeta(c),
    });
  }

  app.openapi(forkRoute, async (c) => {
    const { ref, principal } = await documentOf(c, 'branch.create');
    const { version, title } = c.req.valid('json');
    rememberActor(idOf(principal), actorOf(principal));
    const forked = await branches.fork(ref, version, idOf(principal), title);
    await audit(c, principal, 'branch.create', ref, {
      branch: forked.docId,
      baseVersion: forked.baseVersion,
      baseSeq: forked.baseSeq,
    });
    return c.json({ ...wire(forked), title: forked.title }, 201);
  });

  app.openapi(listRoute, async (c) => {
    const { ref } = await documentOf(c, 'version.read');
    return c.json({ items: (await branches.list(ref, 100)).map(wire) }, 200);
  });

  app.openapi(branchRoute, async (c) => {
    const { ref } = await documentOf(c, 'version.read');
    return c.json(wire(await branches.branchOf(ref)), 200);
  });

  app.openapi(diffRoute, async (c) => {
    const { ref } = await documentOf(c, 'version.read');
    return c.json(await branches.diff(ref), 200);
  });

  app.openapi(previewRoute, async (c) => {
    const { ref } = await documentOf(c, 'version.read');
    return c.json(await branches.preview(ref), 200);
  });

  app.openapi(mergeRoute, async (c) => {
    const { ref, principal } = await documentOf(c, 'branch.merge');
    rememberActor(idOf(principal), actorOf(principal));
    const merged = await branches.merge(ref, idOf(principal));
    await audit(
      c,
      principal,
      'branch.merge',
      { workspaceId: ref.workspaceId, docId: merged.source },
      { branch: ref.docId, seq: merged.seq },
    );
    return c.json({ ...merged, branch: wire(merged.branch) }, 200);
  });

  return app;
}
