// Bundle sizes of the renderer: builds it (and, beside it, the renderer of
// the reference commit), gzips every chunk, and splits them into what the
// page loads first (the entry and its static imports) and what it loads on
// first use (editor, charts, screens). Fails (exit 1) when the initial
// JavaScript is over budget.
//   pnpm --filter @fieldbook/bench bundle [--budget-kb 300] [--no-reference]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildRenderer } from '../../apps/desktop/test/browser';
import {
  buildReferenceRenderer,
  REFERENCE_COMMIT,
} from '../../apps/desktop/test/referenceRenderer';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const BUDGET_KB = arg('budget-kb', 300);

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

interface Sizes {
  initialJsGzipKb: number;
  initialCssGzipKb: number;
  lazyJsGzipKb: number;
  chunks: {
    file: string;
    kind: 'initial' | 'lazy';
    type: 'js' | 'css';
    rawKb: number;
    gzipKb: number;
  }[];
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Sizes of a build whose Vite manifest is in `dir`. */
function measure(dir: string): Sizes {
  const manifest = JSON.parse(readFileSync(join(dir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const initial = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || initial.has(chunk.file)) return;
    initial.add(chunk.file);
    for (const css of chunk.css ?? []) initial.add(css);
    for (const next of chunk.imports ?? []) visit(next);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const files = new Set<string>();
  for (const chunk of Object.values(manifest)) {
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
  }
  const chunks = [...files]
    .filter((f) => /\.(js|css)$/.test(f))
    .map((file) => {
      const bytes = readFileSync(join(dir, file));
      return {
        file,
        kind: initial.has(file) ? ('initial' as const) : ('lazy' as const),
        type: file.endsWith('.css') ? ('css' as const) : ('js' as const),
        rawKb: kb(bytes.length),
        gzipKb: kb(gzipSync(bytes, { level: 9 }).length),
      };
    })
    .sort((a, b) => b.gzipKb - a.gzipKb);
  const sum = (kind: string, type: string) =>
    Math.round(
      chunks.filter((c) => c.kind === kind && c.type === type).reduce((s, c) => s + c.gzipKb, 0) *
        10,
    ) / 10;
  return {
    initialJsGzipKb: sum('initial', 'js'),
    initialCssGzipKb: sum('initial', 'css'),
    lazyJsGzipKb: sum('lazy', 'js'),
    chunks,
  };
}

const work = mkdtempSync(join(tmpdir(), 'fieldbook-bench-bundle-'));
try {
  const current = join(work, 'current');
  await buildRenderer(current);
  const now = measure(current);
  let reference: Sizes | null = null;
  if (!process.argv.includes('--no-reference')) {
    const ref = join(work, 'reference');
    await buildReferenceRenderer(ref);
    reference = measure(ref);
  }
  const overBudget = now.initialJsGzipKb > BUDGET_KB;
  console.error(
    `initial JS ${now.initialJsGzipKb} kB gzipped (budget ${BUDGET_KB} kB)` +
      (reference ? `, reference ${REFERENCE_COMMIT}: ${reference.initialJsGzipKb} kB` : ''),
  );
  for (const c of now.chunks.slice(0, 25)) {
    console.error(
      `  ${c.kind.padEnd(7)} ${c.type.padEnd(3)} ${String(c.gzipKb).padStart(7)} kB gz ${String(c.rawKb).padStart(8)} kB  ${c.file}`,
    );
  }
  console.log(
    JSON.stringify({
      bench: 'renderer-bundle',
      budgetKb: BUDGET_KB,
      withinBudget: !overBudget,
      current: { ...now, chunks: now.chunks },
      reference: reference && {
        commit: REFERENCE_COMMIT,
        initialJsGzipKb: reference.initialJsGzipKb,
        initialCssGzipKb: reference.initialCssGzipKb,
        lazyJsGzipKb: reference.lazyJsGzipKb,
        chunkCount: reference.chunks.length,
      },
    }),
  );
  if (overBudget) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
