// Finds the Electron executable the way node_modules/electron/index.js does,
// but without its fallback of downloading it: importing 'electron' from Node
// starts a download, which fails offline with a stack trace.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Returns `{ path }` of the installed Electron binary, or `{ missing }` with
 * the reason it cannot be used.
 */
export function findElectronBinary(fromDir) {
  const require = createRequire(join(fromDir, 'package.json'));
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'its binary was never downloaded' };
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = override ? join(override, relative) : join(pkgDir, 'dist', relative);
  return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };
}
