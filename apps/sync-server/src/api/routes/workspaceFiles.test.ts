import { describe, expect, it } from 'vitest';
import { openTestApi } from '../testKit';

describe('workspace file routes (in-process)', () => {
  it('refuses an upload over the limit with 413 and changes nothing', async () => {
    const t = await openTestApi();
    const a = await t.signup();
    const ws = await t.call('POST', '/workspaces', { token: a.token, body: { name: 'W' } });
    const tooBig = new Uint8Array(1024 * 1024 + 1);
    const res = await t.call('POST', `/workspaces/${ws.body.id}/import`, {
      token: a.token,
      body: tooBig,
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/larger than this server accepts.*Nothing was changed/),
    });
    expect((await t.docs.logStats(ws.body.id)).lastSeq).toBe(0);
    const audit = await t.call('GET', '/audit?action=workspace.import', { token: a.token });
    expect(audit.body.items).toEqual([]);
  });

  it('refuses a new workspace from an API key or from a file that is not one, and makes none', async () => {
    const t = await openTestApi();
    const a = await t.signup();
    const ws = await t.call('POST', '/workspaces', { token: a.token, body: { name: 'W' } });
    const key = await t.call('POST', '/api-keys', {
      token: a.token,
      body: { name: 'ci', workspaceId: ws.body.id, access: 'write' },
    });
    const file = await t.api.request(`/workspaces/${ws.body.id}/export`, {
      headers: { authorization: `Bearer ${a.token}` },
    });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const byKey = await t.call('POST', '/workspaces/import', { token: key.body.key, body: bytes });
    expect(byKey.status).toBe(403);
    const notOne = await t.call('POST', '/workspaces/import', {
      token: a.token,
      body: new TextEncoder().encode('hello'),
    });
    expect(notOne.status).toBe(422);
    const listed = await t.call('GET', '/workspaces', { token: a.token });
    expect(listed.body.items.map((w: { name: string }) => w.name)).toEqual(['W']);
    const made = await t.call('POST', '/workspaces/import', { token: a.token, body: bytes });
    expect(made.status).toBe(201);
    expect(made.body.workspaceId).not.toBe(ws.body.id);
  });

  it('exports a workspace never synced as a file with its empty index', async () => {
    const t = await openTestApi();
    const a = await t.signup();
    const ws = await t.call('POST', '/workspaces', { token: a.token, body: { name: 'W' } });
    const res = await t.api.request(`/workspaces/${ws.body.id}/export`, {
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 15)).toString()).toBe('SQLite format 3');
    expect(t.errors).toEqual([]);
  });

  it('is described in the OpenAPI document', async () => {
    const t = await openTestApi();
    const doc = (await t.call('GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/workspaces/{ws}/export',
        '/workspaces/{ws}/import',
        '/workspaces/import',
      ]),
    );
    expect(Object.keys(doc.paths['/workspaces/{ws}/import'].post.responses)).toEqual(
      expect.arrayContaining(['200', '404', '413', '422']),
    );
  });
});
