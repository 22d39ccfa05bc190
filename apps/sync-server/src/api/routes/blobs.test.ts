import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openTestApi } from '../testKit';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
  Buffer.alloc(64, 1),
]);

async function setup(options: Parameters<typeof openTestApi>[0] = {}) {
  const t = await openTestApi(options);
  const a = await t.signup();
  const ws = (await t.call('POST', '/workspaces', { token: a.token, body: { name: 'W' } })).body
    .id as string;
  const upload = (body: Uint8Array, query = '') =>
    t.call('POST', `/workspaces/${ws}/blobs${query}`, { token: a.token, body });
  const download = (hash: string, query = '') =>
    t.api.request(`/workspaces/${ws}/blobs/${hash}${query}`, {
      headers: { authorization: `Bearer ${a.token}` },
    });
  return { t, a, ws, upload, download };
}

describe('attachments (blobs)', () => {
  it('stores by sha256, sniffs the type from the bytes, and streams them back inline under a strict CSP', async () => {
    const { t, a, upload, download } = await setup();
    const first = await upload(PNG);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ sha256: sha(PNG), size: PNG.length, mimeType: 'image/png' });
    expect((await upload(PNG)).status).toBe(200);
    const res = await download(sha(PNG), '?name=plot%20%C3%A9.png');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename="plot _.png"; filename*=UTF-8''plot%20%C3%A9.png`,
    );
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    const audit = await t.call('GET', '/audit?action=attachment.upload', { token: a.token });
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        resource: { type: 'blob', id: sha(PNG) },
        summary: { size: PNG.length, mimeType: 'image/png' },
      }),
    ]);
  });

  it('serves what a browser might run as a download: HTML named .png is text, never inline', async () => {
    const { upload, download } = await setup();
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    const up = await upload(html, `?sha256=${sha(html)}`);
    expect(up.body.mimeType).toBe('text/plain');
    const res = await download(sha(html), '?name=cat.png');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('content-security-policy')).toBeNull();
    expect((await download(sha(PNG), '')).status).toBe(404);
  });

  it('refuses a body whose bytes do not match the claimed sha256, storing nothing', async () => {
    const { upload, download } = await setup();
    const bytes = new TextEncoder().encode('what was sent');
    const claimed = sha(new TextEncoder().encode('what was meant'));
    const res = await upload(bytes, `?sha256=${claimed}`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CONTENT_HASH_MISMATCH');
    expect((await download(sha(bytes))).status).toBe(404);
    expect((await download(claimed)).status).toBe(404);
  });

  it('refuses over the per-file limit (413) and over the tenant quota (413 QUOTA_EXCEEDED), storing nothing', async () => {
    const { t, a, upload, download } = await setup({
      maxAttachmentBytes: 100_000,
      attachmentQuotaBytes: 150_000,
    });
    const big = new Uint8Array(100_001).fill(3);
    const tooBig = await upload(big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/Nothing was stored/),
    });
    expect((await download(sha(big))).status).toBe(404);
    expect(await t.blobs.store.size(sha(big))).toBeNull();
    expect((await upload(new Uint8Array(90_000).fill(1))).status).toBe(201);
    const other = await t.call('POST', '/workspaces', { token: a.token, body: { name: 'Other' } });
    const second = new Uint8Array(90_000).fill(2);
    const over = await t.call('POST', `/workspaces/${other.body.id}/blobs`, {
      token: a.token,
      body: second,
    });
    expect(over.status).toBe(413);
    expect(over.body.error.code).toBe('QUOTA_EXCEEDED');
    expect(await t.blobs.store.size(sha(second))).toBeNull();
    // The same content again costs no quota.
    const again = await t.call(
      'POST',
      `/workspaces/${other.body.id}/blobs?sha256=${sha(new Uint8Array(90_000).fill(1))}`,
      {
        token: a.token,
        body: new Uint8Array(90_000).fill(1),
      },
    );
    expect(again.status).toBe(201);
  });

  it('is in the OpenAPI document with its error answers', async () => {
    const { t } = await setup();
    const doc = (await t.call('GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths['/workspaces/{ws}/blobs'].post.responses)).toEqual(
      expect.arrayContaining(['201', '413', '422']),
    );
    expect(doc.paths['/workspaces/{ws}/blobs/{sha256}'].get).toBeDefined();
    expect(doc.paths['/workspaces/{ws}/annotations/export'].get).toBeDefined();
    expect(doc.paths['/workspaces/{ws}/documents/{doc}/markdown'].get).toBeDefined();
  });
});
