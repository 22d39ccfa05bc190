// `POST /workspaces/:ws/blobs` and `GET /workspaces/:ws/blobs/:sha256`:
// attachments as content-addressed blobs (src/blobs), streamed both ways.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { INLINE_MIME_TYPES } from '@fieldbook/shared';
import { Readable } from 'node:stream';
import type { BlobService } from '../../blobs/blobService';
import { notFound } from '../../identity/access';
import { actorOf } from '../../identity/principal';
import type { ApiEnv } from '../env';
import { validationHook } from '../errors';
import { requestMeta, requireAuth } from '../middleware';
import { Id, Millis, errorResponses, json } from '../schemas';

const security = [{ bearer: [] }];
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lower-case sha256 hex digest');
const WsParams = z.object({ ws: Id.openapi({ param: { name: 'ws', in: 'path' } }) });

/** What browsers may do with an attachment shown inline: show it, nothing else. */
const INLINE_CSP =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";

const Blob = z
  .object({
    sha256: Sha256,
    size: z.number().int(),
    mimeType: z.string().openapi({ description: 'Sniffed from the bytes, not the name' }),
    createdAt: Millis,
  })
  .openapi('Blob');

const uploadRoute = createRoute({
  method: 'post',
  path: '/workspaces/{ws}/blobs',
  tags: ['attachments'],
  summary: 'Upload an attachment (streamed body; answers its sha256)',
  description:
    'The body is the file. With `?sha256=` the bytes must hash to it (422 CONTENT_HASH_MISMATCH otherwise). Over the per-file limit: 413 PAYLOAD_TOO_LARGE; over the tenant quota: 413 QUOTA_EXCEEDED. A refused upload stores nothing. 201 when new to the workspace, 200 when it already had this content.',
  security,
  middleware: [requireAuth] as const,
  request: {
    params: WsParams,
    query: z.object({ sha256: Sha256.optional() }),
    body: {
      required: true,
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
  },
  responses: {
    200: json(Blob, 'Already stored in this workspace'),
    201: json(Blob, 'Stored'),
    ...errorResponses(400, 401, 403, 404, 429),
    413: {
      description:
        'Larger than one attachment may be (PAYLOAD_TOO_LARGE) or over the tenant quota (QUOTA_EXCEEDED)',
    },
    422: { description: 'The bytes do not match the claimed sha256 (CONTENT_HASH_MISMATCH)' },
  },
});

const downloadRoute = createRoute({
  method: 'get',
  path: '/workspaces/{ws}/blobs/{sha256}',
  tags: ['attachments'],
  summary: 'Download an attachment (streamed)',
  description:
    'Images and PDFs are served inline under a strict Content-Security-Policy; anything else (and everything with `?download=1`) as `Content-Disposition: attachment`. `name` sets the file name offered.',
  security,
  middleware: [requireAuth] as const,
  request: {
    params: WsParams.extend({ sha256: Sha256.openapi({ param: { name: 'sha256', in: 'path' } }) }),
    query: z.object({
      name: z.string().max(255).optional(),
      download: z.enum(['0', '1']).optional(),
    }),
  },
  responses: {
    200: {
      description: 'The bytes',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

/** A Content-Disposition header with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_') || 'download';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The attachment routes. */
export function blobRoutes(blobs: BlobService) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  app.openapi(uploadRoute, async (c) => {
    const { ws } = c.req.valid('param');
    const { sha256 } = c.req.valid('query');
    const principal = c.get('principal');
    const identity = c.get('identity');
    await identity.access.require(principal, ws, 'attachment.upload');
    const declared = c.req.header('content-length');
    blobs.checkDeclaredLength(declared === undefined ? null : Number(declared));
    const actor = actorOf(principal);
    const body = c.req.raw.body ?? new ReadableStream<Uint8Array>({ start: (ctl) => ctl.close() });
    const { ref, created } = await blobs.upload(
      { tenantId: principal.tenantId, workspaceId: ws, actorId: actor.id ?? 'unknown' },
      body as unknown as AsyncIterable<Uint8Array>,
      sha256,
    );
    if (created) {
      await identity.audit.record(principal.tenantId, {
        actor,
        action: 'attachment.upload',
        outcome: 'success',
        resource: { type: 'blob', id: ref.sha256 },
        workspaceId: ws,
        summary: { size: ref.size, mimeType: ref.mimeType },
        ...requestMeta(c),
      });
    }
    const answer = {
      sha256: ref.sha256,
      size: ref.size,
      mimeType: ref.mimeType,
      createdAt: ref.createdAt,
    };
    return created ? c.json(answer, 201) : c.json(answer, 200);
  });

  app.openapi(downloadRoute, async (c) => {
    const { ws, sha256 } = c.req.valid('param');
    const { name, download } = c.req.valid('query');
    const principal = c.get('principal');
    await c.get('identity').access.require(principal, ws, 'attachment.read');
    const found = await blobs.open(principal.tenantId, ws, sha256);
    if (!found) throw notFound('Attachment');
    const { ref, stream } = found;
    const inline = download !== '1' && INLINE_MIME_TYPES.includes(ref.mimeType);
    const headers = new Headers({
      'content-type': ref.mimeType === 'text/plain' ? 'text/plain; charset=utf-8' : ref.mimeType,
      'content-length': String(ref.size),
      'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', name ?? sha256),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=31536000, immutable',
      etag: `"${sha256}"`,
    });
    if (inline)
      headers.set(
        'content-security-policy',
        ref.mimeType === 'application/pdf' ? INLINE_CSP : `${INLINE_CSP}; sandbox`,
      );
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      status: 200,
      headers,
    }) as never;
  });

  return app;
}
