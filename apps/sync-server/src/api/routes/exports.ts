// Exports of records (src/exports, formats from @fieldbook/exports):
// `GET /workspaces/:ws/annotations/export`, `GET /workspaces/:ws/documents/:doc/markdown`,
// and the `eln` / `markdown` formats of `GET /workspaces/:ws/export`.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { ExportContext } from '@fieldbook/exports';
import {
  AnnotationFilterSchema,
  FieldbookError,
  validationError,
  type AnnotationFilter,
} from '@fieldbook/shared';
import type { Context } from 'hono';
import { serverExportSource, type ServerExportDeps } from '../../exports/serverExportSource';
import { streamedDownload } from '../../exports/exportResponse';
import { actorOf } from '../../identity/principal';
import type { Principal } from '../../identity/principal';
import type { Workspace } from '../../identity/types';
import type { ApiEnv } from '../env';
import { validationHook } from '../errors';
import { contentDisposition } from './blobs';
import { requestMeta, requireAuth } from '../middleware';
import { Id, errorResponses } from '../schemas';

// The writers load on the first export: exceljs, pdfkit, the chart canvas and the ZIP writer
// cost tens of MiB of memory that no sync or REST path besides the exports needs.
// An annotation export loads only its own format's writer.
const writers = () => import('@fieldbook/exports');
const annotationWriters = () => import('@fieldbook/exports/annotations');

const security = [{ bearer: [] }];
const binary = (type: string) => ({ [type]: { schema: z.string().openapi({ format: 'binary' }) } });
const list = z
  .string()
  .max(20_000)
  .optional()
  .transform((s) =>
    s
      ? s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined,
  );
const millis = z.coerce.number().finite().optional();

/** The annotation panel's filters as query parameters (lists comma-separated, times epoch ms). */
export const FilterQuery = z.object({
  collections: list.openapi({ description: 'Collection ids, comma-separated' }),
  tags: list.openapi({ description: 'Tags (any of), comma-separated' }),
  author: z.string().max(200).optional().openapi({ description: 'Author user id' }),
  status: z.enum(['draft', 'approved']).optional(),
  from: millis.openapi({ description: 'Epoch ms: spans ending before are left out' }),
  to: millis.openapi({ description: 'Epoch ms: spans starting after are left out' }),
  channels: list.openapi({ description: 'Channel ids (any of), comma-separated' }),
});

const FORMATS = {
  json: { type: 'application/json', ext: 'json' },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
  pdf: { type: 'application/pdf', ext: 'pdf' },
} as const;

const annotationsRoute = createRoute({
  method: 'get',
  path: '/workspaces/{ws}/annotations/export',
  tags: ['exports'],
  summary:
    "The workspace's annotations as JSON, CSV, XLSX or a PDF report, filtered like the annotation panel",
  description:
    'Streamed. CSV: RFC 4180, UTF-8 with BOM, one row per annotation (`part=comments`: one row per comment). XLSX: sheets Annotations and Comments. PDF: a title page with the audit-chain head, then one section per annotation with a chart of its time range.',
  security,
  middleware: [requireAuth] as const,
  request: {
    params: z.object({ ws: Id.openapi({ param: { name: 'ws', in: 'path' } }) }),
    query: FilterQuery.extend({
      format: z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json'),
      part: z.enum(['annotations', 'comments']).default('annotations'),
    }),
  },
  responses: {
    200: {
      description: 'The export file',
      content: {
        ...binary(FORMATS.json.type),
        ...binary('text/csv'),
        ...binary(FORMATS.xlsx.type),
        ...binary(FORMATS.pdf.type),
      },
    },
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const markdownRoute = createRoute({
  method: 'get',
  path: '/workspaces/{ws}/documents/{doc}/markdown',
  tags: ['exports'],
  summary: 'A note as Markdown with front matter (`bundle=zip`: with its attachments in a ZIP)',
  security,
  middleware: [requireAuth] as const,
  request: {
    params: z.object({
      ws: Id.openapi({ param: { name: 'ws', in: 'path' } }),
      doc: Id.openapi({ param: { name: 'doc', in: 'path' } }),
    }),
    query: z.object({ bundle: z.enum(['zip']).optional() }),
  },
  responses: {
    200: {
      description: 'The note',
      content: { ...binary('text/markdown'), ...binary('application/zip') },
    },
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

/** The filter of a request, checked against the shared schema. */
function filterOf(q: z.infer<typeof FilterQuery>): AnnotationFilter {
  const parsed = AnnotationFilterSchema.safeParse(
    Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)),
  );
  if (!parsed.success) throw validationError('filter', parsed.error);
  return parsed.data;
}

async function audit(
  c: Context<ApiEnv>,
  principal: Principal,
  ws: string,
  summary: Record<string, unknown>,
) {
  await c.get('identity').audit.record(principal.tenantId, {
    actor: actorOf(principal),
    action: 'document.export',
    outcome: 'success',
    resource: { type: 'workspace', id: ws },
    workspaceId: ws,
    summary,
    ...requestMeta(c),
  });
}

const exporter = (principal: Principal) => {
  const actor = actorOf(principal);
  return actor.label ?? actor.id ?? 'unknown';
};

/** `GET /workspaces/:ws/export?format=eln|markdown` (the caller checked `workspace.export`). */
export async function workspaceExportResponse(
  deps: ServerExportDeps,
  c: Context<ApiEnv>,
  access: { workspace: Workspace; principal: Principal },
  request: { format: 'eln' | 'markdown'; folder?: string },
): Promise<Response> {
  const { workspace, principal } = access;
  const { ELN_MEDIA_TYPE, safeName, slug, writeEln, writeNotesZip } = await writers();
  const source = serverExportSource(deps, c.get('identity').store, {
    tenantId: principal.tenantId,
    workspaceId: workspace.id,
    workspaceName: workspace.name,
  });
  if (request.format === 'markdown' && request.folder) {
    const index = await source.index();
    if (!index.folders.some((f) => f.id === request.folder))
      throw new FieldbookError('RESOURCE_NOT_FOUND', 'Folder not found');
  }
  const now = Date.now();
  await audit(c, principal, workspace.id, {
    format: request.format,
    ...(request.folder ? { folder: request.folder } : {}),
  });
  if (request.format === 'eln') {
    const root = slug(workspace.name, 'workspace');
    const ctx: ExportContext = { exportedBy: exporter(principal), exportedAt: now, filter: {} };
    return streamedDownload(
      {
        'content-type': ELN_MEDIA_TYPE,
        'content-disposition': contentDisposition('attachment', `${root}.eln`),
      },
      (out, signal) => writeEln(source, { ...ctx, signal }, out, root),
    );
  }
  return streamedDownload(
    {
      'content-type': 'application/zip',
      'content-disposition': contentDisposition(
        'attachment',
        `${safeName(workspace.name, 'workspace')} (Markdown).zip`,
      ),
    },
    (out, signal) => writeNotesZip(source, out, { folderId: request.folder ?? null, signal }),
  );
}

/** The annotation and note export routes. */
export function exportRoutes(deps: ServerExportDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  app.openapi(annotationsRoute, async (c) => {
    const { ws } = c.req.valid('param');
    const { format, part, ...query } = c.req.valid('query');
    const principal = c.get('principal');
    const identity = c.get('identity');
    const { workspace } = await identity.access.require(principal, ws, 'workspace.export');
    const filter = filterOf(query);
    const { annotationWriter, safeName } = await annotationWriters();
    const write = await annotationWriter(format);
    const source = serverExportSource(deps, identity.store, {
      tenantId: principal.tenantId,
      workspaceId: ws,
      workspaceName: workspace.name,
    });
    const ctx: ExportContext = {
      exportedBy: exporter(principal),
      exportedAt: Date.now(),
      filter,
      auditHead: format === 'pdf' ? await identity.audit.head(principal.tenantId) : null,
    };
    await audit(c, principal, ws, {
      format,
      kind: 'annotations',
      filter,
      ...(format === 'csv' ? { part } : {}),
    });
    const stem = `${safeName(workspace.name, 'workspace')} annotations${part === 'comments' && format === 'csv' ? ' comments' : ''}`;
    const headers = {
      'content-type': FORMATS[format].type,
      'content-disposition': contentDisposition('attachment', `${stem}.${FORMATS[format].ext}`),
    };
    return streamedDownload(headers, (out, signal) =>
      write(source, { ...ctx, signal }, out, part),
    ) as never;
  });

  app.openapi(markdownRoute, async (c) => {
    const { ws, doc } = c.req.valid('param');
    const { bundle } = c.req.valid('query');
    const principal = c.get('principal');
    const identity = c.get('identity');
    const { workspace } = await identity.access.require(principal, ws, 'document.read');
    const { exportNoteMarkdown, writeNoteBundle } = await writers();
    const source = serverExportSource(deps, identity.store, {
      tenantId: principal.tenantId,
      workspaceId: ws,
      workspaceName: workspace.name,
    });
    const note = await exportNoteMarkdown(source, doc);
    await audit(c, principal, ws, { format: 'markdown', document: doc, bundle: bundle ?? null });
    if (bundle === 'zip') {
      const name = note.fileName.replace(/\.md$/, '.zip');
      return streamedDownload(
        {
          'content-type': 'application/zip',
          'content-disposition': contentDisposition('attachment', name),
        },
        (out) => writeNoteBundle(source, doc, out),
      ) as never;
    }
    return new Response(note.markdown, {
      headers: {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': contentDisposition('attachment', note.fileName),
      },
    }) as never;
  });

  return app;
}
