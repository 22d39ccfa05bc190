// `pnpm --filter @fieldbook/desktop package`: installers for Linux, macOS and
// Windows, for a machine with internet access. It needs the Electron binary and
// headers, which cannot be downloaded on the build machines (TOOLING.md).
//
// better-sqlite3 is a native module: the copy in node_modules is compiled for
// Node's ABI and must be recompiled for Electron's before packaging. This is a
// separate step because electron-builder.yml sets `npmRebuild: false`: left to
// itself electron-builder would rebuild on every run, replacing the Node build
// that the tests use. Run `pnpm install` again afterwards to get the Node
// build back.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildDesktop } from './build.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });

await buildDesktop();
run('npx', ['--yes', '@electron/rebuild', '--force', '--only', 'better-sqlite3'], appDir);
run(
  'npx',
  ['electron-builder', '--config', 'electron-builder.yml', ...process.argv.slice(2)],
  repoRoot,
);
