// `pnpm start` on a machine without the Electron binary must explain itself
// and exit non-zero, never crash with a stack trace or try a download.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { findElectronBinary } from '../scripts/electronBinary.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'fieldbook-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fake app folder with an electron package; `binary` says whether its executable exists. */
function appWithElectron(name: string, options: { pathTxt: boolean; binary: boolean }): string {
  const root = join(dir, name);
  const pkg = join(root, 'node_modules', 'electron');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{}');
  writeFileSync(join(pkg, 'package.json'), '{"name":"electron","version":"45.4.1"}');
  if (options.pathTxt) writeFileSync(join(pkg, 'path.txt'), 'electron');
  if (options.binary) writeFileSync(join(pkg, 'dist', 'electron'), '');
  return root;
}

describe('Electron binary detection', () => {
  it('finds an installed binary and names what is missing otherwise', () => {
    const installed = appWithElectron('installed', { pathTxt: true, binary: true });
    expect(findElectronBinary(installed)).toEqual({
      path: join(installed, 'node_modules', 'electron', 'dist', 'electron'),
    });
    expect(
      findElectronBinary(appWithElectron('skipped', { pathTxt: false, binary: false })),
    ).toEqual({ missing: 'its binary was never downloaded' });
    expect(
      findElectronBinary(appWithElectron('deleted', { pathTxt: true, binary: false })).missing,
    ).toMatch(/does not exist/);
  });

  it('start.mjs says Electron is missing, how to get it, and exits 1 without a stack trace', () => {
    const empty = join(dir, 'no-dist');
    mkdirSync(empty);
    const run = spawnSync(process.execPath, ['scripts/start.mjs'], {
      cwd: appDir,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Electron's binary is not installed");
    expect(run.stderr).toContain('node_modules/electron/install.js');
    expect(run.stderr).toContain('pnpm serve');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
