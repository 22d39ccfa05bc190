// The two things every browser test and the desktop bench need: a build of
// the renderer, and a Chromium (found or obtained by chromiumBinary.ts)
// driven by playwright-core.
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS } from './chromium';
import { ensureChromium } from './chromiumBinary';

const viteConfig = fileURLToPath(new URL('../vite.config.ts', import.meta.url));

/** Builds the renderer into `outDir` (a few seconds), with Vite's chunk manifest in .vite/. */
export async function buildRenderer(outDir: string): Promise<void> {
  await build({
    configFile: viteConfig,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, manifest: true },
  });
}

/** Launches this machine's Chromium (or Chrome) headless with the flags the tests need. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
}
