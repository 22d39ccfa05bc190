// Builds the renderer for web mode when it has not been built yet, so that
// `pnpm serve` on a fresh clone serves the app. Run before the sync server.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const index = fileURLToPath(new URL('../dist/renderer/index.html', import.meta.url));

if (!existsSync(index) && !process.env.FIELDBOOK_WEB_DIR) {
  console.log('Building the web client (first run)…');
  await build({ configFile: `${appDir}/vite.config.ts`, logLevel: 'warn' });
}
