import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createFolder,
  createWorkspaceIndex,
  renameWorkspace,
  tagDocument,
} from '@fieldbook/crdt-model';
import { isFieldbookError } from '@fieldbook/shared';
import { encodeCursor } from '../cursor';
import { tenantWithRoles } from './fixtures';
import { startIdentityServer, type IdentityServer } from './serverKit';

let s: IdentityServer;
let t: Awaited<ReturnType<typeof tenantWithRoles>>;
beforeAll(async () => {
  s = await startIdentityServer();
  t = await tenantWithRoles(s);
});
afterAll(async () => {
  const leaked = s.leakedSecrets();
  await s.close();
  expect(leaked).toEqual([]);
});

/** A raw HTTP request to the running server: `body` bytes are sent exactly as given. */
function raw(
  method: string,
  path: string,
  opts: { body?: Uint8Array | string; token?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: s.port,
        method,
        path,
        headers: {
          ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const json = (text: string) =>
  JSON.parse(text) as {
    error: { code: string; message: string; details?: { path: string; message: string }[] };
  };

describe('text fields refuse NUL, lone surrogates and invalid UTF-8 with 400', () => {
  const bodies: [string, string | Uint8Array][] = [
    ['a NUL character', '{"name":"Rover\\u0000ops"}'],
    ['a lone surrogate escaped in JSON', '{"name":"Rover \\ud800 ops"}'],
    ['a lone low surrogate', '{"name":"\\udc00"}'],
    [
      'raw invalid UTF-8 bytes',
      Buffer.concat([Buffer.from('{"name":"Rover '), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    ],
    [
      'an encoded surrogate (CESU) in raw bytes',
      Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
    ],
  ];
  for (const [what, body] of bodies) {
    it(`POST /workspaces with ${what}`, async () => {
      const res = await raw('POST', '/api/v1/workspaces', { body, token: t.admin.token });
      expect(res.status).toBe(400);
      expect(json(res.text).error.code).toBe('VALIDATION_ERROR');
    });
    it(`PATCH /workspaces/:ws (rename) with ${what}`, async () => {
      const res = await raw('PATCH', `/api/v1/workspaces/${t.ws}`, { body, token: t.admin.token });
      expect(res.status).toBe(400);
    });
  }

  it('names the field and the problem, and stores nothing', async () => {
    const res = await raw('POST', '/api/v1/workspaces', {
      body: '{"name":"Rover\\u0000ops"}',
      token: t.admin.token,
    });
    expect(json(res.text).error.details).toEqual([
      { path: 'name', message: 'must not contain NUL characters' },
    ]);
    const bytes = await raw('POST', '/api/v1/workspaces', {
      body: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x22, 0x7d]),
      token: t.admin.token,
    });
    expect(json(bytes.text).error.message).toBe('Invalid request body: not valid UTF-8');
    const list = await s.call('GET', '/workspaces?limit=200', { token: t.admin.token });
    expect(list.body.items.map((w: { name: string }) => w.name)).toEqual([
      expect.stringMatching(/^W /),
    ]);
  });

  it('on sign-up, sign-in, API keys and invitations too', async () => {
    const cases: [string, string, string | undefined][] = [
      [
        '/api/v1/auth/signup',
        '{"tenant":"Lab\\ud800","email":"x@y.test","password":"long enough pass","name":"X"}',
        undefined,
      ],
      ['/api/v1/auth/login', '{"email":"a@b.test","password":"pass\\u0000word"}', undefined],
      ['/api/v1/api-keys', '{"name":"key\\udfff","access":"read"}', t.admin.token],
      ['/api/v1/invitations/accept', '{"token":"tok\\u0000en"}', undefined],
    ];
    for (const [path, body, token] of cases) {
      const res = await raw('POST', path, { body, token });
      expect([path, res.status]).toEqual([path, 400]);
      expect(json(res.text).error.code).toBe('VALIDATION_ERROR');
    }
    const filter = await raw('GET', '/api/v1/audit?action=auth.login%00', { token: t.admin.token });
    expect(filter.status).toBe(400);
  });

  it('accepts real Unicode text', async () => {
    const res = await raw('POST', '/api/v1/workspaces', {
      body: JSON.stringify({ name: 'Rover ops 🚀 Ü' }),
      token: t.admin.token,
    });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.text).name).toBe('Rover ops 🚀 Ü');
  });
});

describe('names entering documents through the model follow the same rule', () => {
  it('refuses workspace names, folder names and tags with NUL or a lone surrogate', () => {
    const doc = new Y.Doc();
    const origin = { actor: 'u1' };
    createWorkspaceIndex(doc, { name: 'Lab' }, origin);
    const attempts = [
      () => renameWorkspace(doc, { name: 'Lab\u0000' }, origin),
      () => createFolder(doc, { name: '\ud800' }, origin),
      () =>
        tagDocument(doc, { id: '01934f6e-8a3b-7c1d-9e2f-0a1b2c3d4e5f', add: ['a\u0000'] }, origin),
    ];
    for (const attempt of attempts) {
      let caught: unknown;
      try {
        attempt();
      } catch (err) {
        caught = err;
      }
      expect(isFieldbookError(caught, 'VALIDATION_ERROR')).toBe(true);
    }
  });
});

describe('a malformed cursor is a 400 on every paginated list', () => {
  const garbage = [
    'garbage',
    '!!',
    'eyJ4IjoxfQ',
    encodeCursor('not-an-id'),
    'W10',
    'a'.repeat(300),
  ];
  const lists = () => ['/workspaces', `/workspaces/${t.ws}/members`, '/api-keys', '/audit'];
  it('refuses cursors it did not make', async () => {
    for (const path of lists()) {
      for (const cursor of garbage) {
        const res = await s.call('GET', `${path}?cursor=${encodeURIComponent(cursor)}`, {
          token: t.admin.token,
        });
        expect([path, cursor, res.status]).toEqual([path, cursor, 400]);
        expect(res.body.error).toMatchObject({
          code: 'VALIDATION_ERROR',
          details: [{ path: 'cursor' }],
        });
      }
    }
    const seqAsIdCursor = await s.call('GET', `/workspaces?cursor=${encodeCursor(3)}`, {
      token: t.admin.token,
    });
    expect(seqAsIdCursor.status).toBe(400);
  });

  it('pages with the cursors it made', async () => {
    for (const path of lists()) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = await s.call('GET', `${path}?limit=2${query}`, { token: t.admin.token });
        expect([path, page.status]).toEqual([path, 200]);
        seen.push(
          ...page.body.items.map((i: { id?: string; userId?: string; seq?: number }) =>
            String(i.id ?? i.userId),
          ),
        );
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThan(path === '/api-keys' ? -1 : 1);
    }
  });
});

describe('oversized headers', () => {
  it('answers a 20 KB query string with 431 in the JSON error shape', async () => {
    const res = await raw('GET', `/api/v1/workspaces?q=${'x'.repeat(20 * 1024)}`);
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toBe('application/json');
    expect(json(res.text).error).toMatchObject({
      code: 'HEADERS_TOO_LARGE',
      requestId: expect.stringMatching(/^req_/),
    });
    const after = await s.call('GET', '/workspaces', { token: t.admin.token });
    expect(after.status).toBe(200);
  });
});
