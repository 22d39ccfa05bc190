import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

/** Where `pnpm --filter @fieldbook/desktop build:renderer` puts the renderer. */
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../desktop/dist/renderer', import.meta.url));

/** The built renderer to serve: FIELDBOOK_WEB_DIR, or the desktop app's build output. */
export function webClientDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.FIELDBOOK_WEB_DIR || DEFAULT_WEB_DIR;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Paths that belong to the server, never to the web client. */
const SERVER_PATHS = /^\/(api|sync|agents|health|metrics)(\/|$)/;

/**
 * Serves the built renderer ("web mode") at `/`: files from `dir`, hashed
 * assets cached for a year, everything else revalidated; a browser
 * navigating to an unknown extension-less path gets index.html (the app
 * routes itself), while other clients keep the JSON 404.
 * Returns false, mounting nothing, when `dir` has no index.html.
 */
export function mountWebClient(app: Hono, dir: string = webClientDir()): boolean {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      return next();
    }
    if (SERVER_PATHS.test(path)) return next();
    let file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    const inside = file === root || file.startsWith(root + sep);
    let found = false;
    try {
      found = inside && statSync(file).isFile();
    } catch {
      found = false;
    }
    if (!found) {
      const navigation = c.req.header('accept')?.includes('text/html') ?? false;
      if (!navigation || extname(path) !== '') return next();
      file = index;
    }
    const immutable = file.startsWith(join(root, 'assets') + sep);
    return c.body(readFileSync(file), 200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });
  return true;
}
