// Bundles the server for `pnpm serve` and the sync bench: its own TypeScript, the workspace
// packages and the pure-JavaScript packages every start loads go into dist/, so it runs on plain
// Node (no TypeScript loader thread, a few modules instead of ~860). Other npm packages stay
// outside, imported from the exact file their importer resolves (pnpm gives each package its own
// dependencies); lazy `import()`s stay lazy as separate chunks. Takes about a second.
import { builtinModules } from 'node:module';
import { readFile, rm } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${appDir}dist`;
const builtins = new Set(builtinModules);
const RESOLVING = Symbol('resolving');
/**
 * Pure-JavaScript packages every start loads, bundled with their own dependencies: hundreds of
 * small modules cost more memory as modules than as one. Nothing outside the bundle imports them.
 */
const BUNDLED = new Set([
  'hono',
  '@hono/node-server',
  '@hono/zod-openapi',
  'zod',
  'drizzle-orm',
  'jose',
]);
/** Kept outside even when a bundled package imports them: native code, or one shared instance. */
const OUTSIDE = new Set(['better-sqlite3', 'pg', 'yjs', 'lib0', 'y-protocols', 'ws']);
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** npm packages outside the bundle: a path relative to dist/ to the file esbuild resolved. */
const npmPackagesOutside = {
  name: 'npm-packages-outside',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === RESOLVING || args.path.startsWith('@fieldbook/')) return undefined;
      if (args.path.startsWith('node:') || builtins.has(args.path)) {
        return { path: args.path, external: true };
      }
      const name = packageOf(args.path);
      const inBundledPackage = args.importer.includes('/node_modules/');
      if (!OUTSIDE.has(name) && (BUNDLED.has(name) || inBundledPackage)) return undefined;
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: RESOLVING,
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      const path = relative(outdir, resolved.path).split('\\').join('/');
      return { path: path.startsWith('.') ? path : `./${path}`, external: true };
    });
  },
};

/**
 * Source files find their neighbours (migrations, the checkpoint worker) through `import.meta`:
 * each keeps its own source location instead of the bundle's.
 */
const sourceLocations = {
  name: 'source-locations',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return {
        loader: 'ts',
        contents: text
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
          .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
          .replaceAll('import.meta.filename', JSON.stringify(args.path)),
      };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: [`${appDir}src/main.ts`],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // What Node itself matches (no bundler-only `module` condition): one copy of every package.
  conditions: [],
  sourcemap: true,
  sourcesContent: false,
  // Comments out: a comment with one non-ASCII character makes V8 keep a module's whole source
  // as two-byte text (the main bundle took 1.7 MB of heap instead of ~0.5). Names stay, and
  // stack traces map back to the sources.
  minifyWhitespace: true,
  logLevel: 'error',
  plugins: [npmPackagesOutside, sourceLocations],
});
