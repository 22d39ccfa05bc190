import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes precache.json: every script, style and image of the build, so web
 * mode's service worker keeps the lazily loaded chunks (editor, charts,
 * screens) too and a reload offline can open anything.
 */
function precacheList(): Plugin {
  return {
    name: 'fieldbook-precache-list',
    // After Vite's own bundle steps, which drop the empty script of a CSS-only chunk.
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => /\.(js|css|svg|woff2?)$/.test(f));
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify(files) });
    },
  };
}

// The renderer: one page built to dist/renderer with relative asset paths, so
// Electron can load it from disk and the sync server can serve it as web mode.
// Screens, the note editor and the charts are separate chunks loaded on first use.
export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  plugins: [react(), precacheList()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
});
