// `pnpm start`: builds the app, then runs it in Electron. Where the Electron
// binary is absent (installed with ELECTRON_SKIP_BINARY_DOWNLOAD, or offline)
// it says so and how to get it, instead of crashing.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildDesktop } from './build.mjs';
import { findElectronBinary } from './electronBinary.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));

const electron = findElectronBinary(appDir);
if (electron.missing) {
  console.error(
    [
      `Fieldbook cannot start: Electron's binary is not installed (${electron.missing}).`,
      '',
      'On a machine with internet access, get it with either of:',
      '  pnpm --filter @fieldbook/desktop exec node node_modules/electron/install.js',
      '  pnpm install            (without ELECTRON_SKIP_BINARY_DOWNLOAD set)',
      '',
      'Without Electron, `pnpm serve` runs the same app in a browser',
      '(web mode, http://127.0.0.1:4400 by default).',
    ].join('\n'),
  );
  process.exit(1);
}

try {
  await buildDesktop({ quiet: true });
} catch (err) {
  console.error(`Fieldbook build failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

const child = spawn(electron.path, [appDir, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
