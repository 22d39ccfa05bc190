// The two things every browser test and the desktop bench need: a build of
// the renderer, and Debian's Chromium driven by playwright-core.
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS } from './chromium';

const viteConfig = fileURLToPath(new URL('../vite.config.ts', import.meta.url));

/** Builds the renderer into `outDir` (a few seconds), with Vite's chunk manifest in .vite/. */
export async function buildRenderer(outDir: string): Promise<void> {
  await build({
    configFile: viteConfig,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, manifest: true },
  });
}

/** Launches /usr/bin/chromium headless with the flags this machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
