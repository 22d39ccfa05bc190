// `GET /workspaces/:ws/export`, `POST /workspaces/:ws/import` and
// `POST /workspaces/import`: the workspace as a `.fieldbook` file (the format
// of @fieldbook/workspace-file, the same file the desktop app writes and
// reads), attachments included, merged back or made into a new workspace;
// the export route also answers `format=eln|markdown` (routes/exports.ts).
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { FieldbookError } from '@fieldbook/shared';
import { WORKSPACE_FILE_EXTENSION } from '@fieldbook/workspace-file';
import { stream } from 'hono/streaming';
import type { Actor } from '../../audit/types';
import type { BlobService } from '../../blobs/blobService';
import type { ServerExportDeps } from '../../exports/serverExportSource';
import { actorOf } from '../../identity/principal';
import type { DocKey, DocStore } from '../../storage/docStore';
import type { ApiEnv } from '../env';
import { validationHook } from '../errors';
import { requestMeta, requireAuth } from '../middleware';
import { Id, errorResponses, json } from '../schemas';
import { workspaceExportResponse } from './exports';
import {
  checkQuota,
  fileWorkspaceName,
  importAsNewWorkspace,
  importWorkspace,
  readUpload,
} from './workspaceFileImport';
import { exportWorkspace } from './workspaceFileStore';

/** What the routes need from the server around them. */
export interface WorkspaceFileDeps {
  /** The store sync writes through (audited): imports are appended here. */
  store: DocStore;
  /** Closes the open hub of the document, if loaded, so its clients resync (they then get the import). */
  reloadLoaded(key: DocKey): void;
  /** Lets the audit trail name the importer of the appended updates. */
  rememberActor(id: string, actor: Actor): void;
  /** Largest accepted upload in bytes. */
  maxImportBytes: number;
  /** Attachments: written into workspace files and restored from them. */
  blobs: BlobService;
  /** What the `eln` and `markdown` formats read. */
  exports: ServerExportDeps;
}

const security = [{ bearer: [] }];
const WsParams = z.object({ ws: Id.openapi({ param: { name: 'ws', in: 'path' } }) });
const FILE_TYPE = 'application/vnd.fieldbook.workspace';

const ImportResult = z
  .object({
    workspaceId: Id,
    documentsAdded: z.number().int(),
    documentsMerged: z.number().int(),
    documentsUnchanged: z.number().int(),
    attachmentsAdded: z
      .number()
      .int()
      .openapi({ description: 'Attachments new to this workspace' }),
    attachmentsPresent: z.number().int().openapi({ description: 'Attachments it already had' }),
  })
  .openapi('WorkspaceImportResult');

const exportRoute = createRoute({
  method: 'get',
  path: '/workspaces/{ws}/export',
  tags: ['workspaces'],
  summary:
    'The workspace as a .fieldbook file (merged Yjs state of each document, attachments), an .eln file (RO-Crate), or a ZIP of Markdown notes',
  description:
    '`format=fieldbook` (default): the workspace file the app imports. `format=eln`: notes, annotation collections, attachments and runs as an RO-Crate 1.1 in a ZIP (application/vnd.eln+zip). `format=markdown`: the notes as Markdown files mirroring the folders (`folder=` for one folder and its subfolders).',
  security,
  middleware: [requireAuth] as const,
  request: {
    params: WsParams,
    query: z.object({
      format: z.enum(['fieldbook', 'eln', 'markdown']).default('fieldbook'),
      folder: Id.optional(),
    }),
  },
  responses: {
    200: {
      description: 'The export file',
      content: {
        [FILE_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
        'application/vnd.eln+zip': { schema: z.string().openapi({ format: 'binary' }) },
        'application/zip': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const importRoute = createRoute({
  method: 'post',
  path: '/workspaces/{ws}/import',
  tags: ['workspaces'],
  summary:
    'Merge a .fieldbook file of this workspace into it (CRDT merge appended to the log; never overwrites)',
  description:
    'The body is the file itself. Too large: 413 PAYLOAD_TOO_LARGE. Damaged, altered, foreign or of another workspace: 422 WORKSPACE_FILE_INVALID and nothing changes.',
  security,
  middleware: [requireAuth] as const,
  request: {
    params: WsParams,
    body: {
      required: true,
      content: {
        [FILE_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
        'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
  },
  responses: {
    200: json(ImportResult, 'Merged'),
    ...errorResponses(400, 401, 403, 404, 409, 429),
    413: { description: 'The file is larger than the server accepts (PAYLOAD_TOO_LARGE)' },
    422: { description: 'Not a valid workspace file for this workspace (WORKSPACE_FILE_INVALID)' },
  },
});

const importNewRoute = createRoute({
  method: 'post',
  path: '/workspaces/import',
  tags: ['workspaces'],
  summary:
    "Make a new workspace from a .fieldbook file (any workspace's); the importer is its admin",
  description:
    'The body is the file itself; `name` names the new workspace (default: the name the file holds). The file is validated (and its attachments checked against the quota) before the workspace is made: a bad file makes nothing. Too large: 413 PAYLOAD_TOO_LARGE. Damaged or not a workspace file: 422 WORKSPACE_FILE_INVALID.',
  security,
  middleware: [requireAuth] as const,
  request: {
    query: z.object({ name: z.string().trim().min(1).max(200).optional() }),
    body: {
      required: true,
      content: {
        [FILE_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
        'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
  },
  responses: {
    201: json(ImportResult, 'Created, with the file as its content'),
    ...errorResponses(400, 401, 403, 429),
    413: { description: 'The file is larger than the server accepts (PAYLOAD_TOO_LARGE)' },
    422: { description: 'Not a valid workspace file (WORKSPACE_FILE_INVALID)' },
  },
});

/** Reads the request body, refusing (413) once it passes `limit` bytes. */
async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (body) {
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > limit) {
        throw new FieldbookError(
          'PAYLOAD_TOO_LARGE',
          `The workspace file is larger than this server accepts (${limit} bytes). Nothing was changed.`,
          { limit },
        );
      }
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}

/** The export and import routes of workspace files. */
export function workspaceFileRoutes(deps: WorkspaceFileDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  app.openapi(exportRoute, async (c) => {
    const { ws } = c.req.valid('param');
    const { format, folder } = c.req.valid('query');
    const principal = c.get('principal');
    const identity = c.get('identity');
    const { workspace } = await identity.access.require(principal, ws, 'workspace.export');
    if (format !== 'fieldbook') {
      return (await workspaceExportResponse(
        deps.exports,
        c,
        { workspace, principal },
        { format, folder },
      )) as never;
    }
    const actor = actorOf(principal);
    const file = await exportWorkspace(deps.store, deps.blobs, {
      tenantId: principal.tenantId,
      workspaceId: ws,
      exportedBy: actor.label ?? actor.id ?? 'unknown',
    });
    await identity.audit.record(principal.tenantId, {
      actor,
      action: 'document.export',
      outcome: 'success',
      resource: { type: 'workspace', id: ws },
      workspaceId: ws,
      summary: {
        format: 'fieldbook',
        documents: file.manifest.documentCount,
        attachments: file.manifest.attachmentCount,
        bytes: file.size,
      },
      ...requestMeta(c),
    });
    const name = `${workspace.name.replace(/[^\w .-]+/g, '_').trim() || 'workspace'}`;
    c.header('content-type', FILE_TYPE);
    c.header('content-length', String(file.size));
    c.header('content-disposition', `attachment; filename="${name}${WORKSPACE_FILE_EXTENSION}"`);
    return stream(c, async (out) => {
      try {
        for await (const chunk of file.open()) await out.write(chunk as Uint8Array);
      } finally {
        file.remove();
      }
    }) as never;
  });

  app.openapi(importNewRoute, async (c) => {
    const principal = c.get('principal');
    const identity = c.get('identity');
    if (principal.kind !== 'user') {
      throw new FieldbookError(
        'AUTH_INSUFFICIENT_PERMISSIONS',
        'API keys cannot create workspaces',
      );
    }
    const bytes = await readLimited(c.req.raw.body, deps.maxImportBytes);
    const contents = readUpload(bytes);
    await checkQuota(deps.blobs, principal.tenantId, null, contents);
    const name = c.req.valid('query').name ?? fileWorkspaceName(contents);
    const workspace = await identity.workspaces.create(principal, name, requestMeta(c));
    const actor = actorOf(principal);
    deps.rememberActor(principal.userId, actor);
    const target = {
      tenantId: principal.tenantId,
      workspaceId: workspace.id,
      principalId: principal.userId,
      reloadLoaded: deps.reloadLoaded,
      name,
    };
    let result;
    try {
      result = await importAsNewWorkspace(deps.store, deps.blobs, contents, target);
    } catch (err) {
      // Only storage failing gets here: the half-made workspace is archived, not left in the list.
      await identity.workspaces.update(principal, workspace.id, { archived: true }, requestMeta(c));
      throw err;
    }
    await identity.audit.record(principal.tenantId, {
      actor,
      action: 'workspace.import',
      outcome: 'success',
      resource: { type: 'workspace', id: workspace.id },
      workspaceId: workspace.id,
      summary: {
        format: 'fieldbook',
        bytes: bytes.byteLength,
        fromWorkspaceId: contents.manifest.workspaceId,
        ...result,
      },
      ...requestMeta(c),
    });
    return c.json({ workspaceId: workspace.id, ...result }, 201);
  });

  app.openapi(importRoute, async (c) => {
    const { ws } = c.req.valid('param');
    const principal = c.get('principal');
    const identity = c.get('identity');
    await identity.access.require(principal, ws, 'workspace.import');
    const bytes = await readLimited(c.req.raw.body, deps.maxImportBytes);
    const id = principal.kind === 'user' ? principal.userId : principal.key.id;
    const actor = actorOf(principal);
    deps.rememberActor(id, actor);
    const result = await importWorkspace(deps.store, deps.blobs, bytes, {
      tenantId: principal.tenantId,
      workspaceId: ws,
      principalId: id,
      reloadLoaded: deps.reloadLoaded,
    });
    await identity.audit.record(principal.tenantId, {
      actor,
      action: 'workspace.import',
      outcome: 'success',
      resource: { type: 'workspace', id: ws },
      workspaceId: ws,
      summary: { format: 'fieldbook', bytes: bytes.byteLength, ...result },
      ...requestMeta(c),
    });
    return c.json({ workspaceId: ws, ...result }, 200);
  });

  return app;
}
