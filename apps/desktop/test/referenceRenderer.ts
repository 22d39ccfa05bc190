// The renderer as it was at an earlier commit, for benchmarks that print
// today's figure beside it: its sources (apps/desktop/src) are extracted
// from git into a folder inside apps/desktop/node_modules/.cache, so they
// resolve today's installed packages, and built with today's Vite config.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const desktop = join(repo, 'apps/desktop');

/**
 * The commit before the renderer was code-split and rebuilt on the design
 * system (main at b685e0c): the "before" of the bundle and load-time figures.
 */
export const REFERENCE_COMMIT = 'b685e0c';

/** Builds `commit`'s renderer into `outDir`. */
export async function buildReferenceRenderer(
  outDir: string,
  commit = REFERENCE_COMMIT,
): Promise<void> {
  const src = join(desktop, 'node_modules/.cache/fieldbook-reference', commit);
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  const archive = execFileSync('git', ['-C', repo, 'archive', commit, 'apps/desktop/src'], {
    maxBuffer: 256 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', src, '--strip-components=2'], { input: archive });
  try {
    await build({
      configFile: join(desktop, 'vite.config.ts'),
      root: join(src, 'src/renderer'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, manifest: true },
    });
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
}
