// Builds the whole desktop app: the renderer with Vite (dist/renderer) and
// Electron's main and preload with esbuild (out/). Run: node scripts/build.mjs
import { build as esbuild } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const appDir = fileURLToPath(new URL('..', import.meta.url));

/** Builds renderer, main and preload; resolves when all three are on disk. */
export async function buildDesktop({ quiet = false } = {}) {
  const common = {
    absWorkingDir: appDir,
    bundle: true,
    platform: 'node',
    target: 'node22',
    sourcemap: true,
    logLevel: quiet ? 'warning' : 'info',
    // electron comes from the runtime; better-sqlite3 is native and loaded from node_modules.
    external: ['electron', 'better-sqlite3'],
  };
  await Promise.all([
    viteBuild({ configFile: `${appDir}/vite.config.ts`, logLevel: quiet ? 'warn' : 'info' }),
    esbuild({
      ...common,
      entryPoints: ['src/electron-main/main.ts'],
      outfile: 'out/electron-main/main.js',
      format: 'esm',
    }),
    // A sandboxed preload cannot be an ES module.
    esbuild({
      ...common,
      entryPoints: ['src/preload/preload.ts'],
      outfile: 'out/preload/preload.cjs',
      format: 'cjs',
    }),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildDesktop();
}
