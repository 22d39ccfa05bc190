import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { mountWebClient, webClientDir } from './webClient';

const dir = mkdtempSync(join(tmpdir(), 'fieldbook-web-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Fieldbook</title>');
writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {})');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function app() {
  const a = new Hono();
  expect(mountWebClient(a, dir)).toBe(true);
  a.get('/api/v1/ping', (c) => c.json({ pong: true }));
  a.notFound((c) => c.json({ error: { code: 'RESOURCE_NOT_FOUND' } }, 404));
  return a;
}

describe('web client', () => {
  it('serves the app at / and for client-side routes, revalidated every time', async () => {
    for (const path of ['/', '/workspaces/x']) {
      const res = await app().request(path, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>Fieldbook</title>');
    }
  });

  it('serves the app at / to any client (the offline shell fetches it without Accept: text/html)', async () => {
    const res = await app().request('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Fieldbook</title>');
  });

  it('caches hashed assets for good, and the service worker not at all', async () => {
    const asset = await app().request('/assets/index-abc123.js');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    const sw = await app().request('/sw.js');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
  });

  it('leaves server routes alone and serves nothing outside its folder', async () => {
    expect(await (await app().request('/api/v1/ping')).json()).toEqual({ pong: true });
    expect((await app().request('/api/v1/nope')).status).toBe(404);
    expect((await app().request('/nope')).status).toBe(404);
    expect((await app().request('/health')).status).toBe(404);
    expect((await app().request('/assets/missing.js')).status).toBe(404);
    const escape = await app().request('/..%2f..%2fetc%2fpasswd', {
      headers: { accept: 'text/html' },
    });
    expect(await escape.text()).toContain('<title>Fieldbook</title>');
    expect((await app().request('/bad%E0%A4%A')).status).toBe(404);
    expect((await app().request('/../package.json')).status).toBe(404);
  });

  it('mounts nothing when the renderer has not been built', () => {
    expect(mountWebClient(new Hono(), join(dir, 'missing'))).toBe(false);
    expect(webClientDir({ FIELDBOOK_WEB_DIR: '/srv/web' })).toBe('/srv/web');
    expect(webClientDir({})).toMatch(/apps\/desktop\/dist\/renderer$/);
  });
});
