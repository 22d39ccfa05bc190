import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect } from '../testing/collect';
import { buildSampleWorkspace, sampleSource, T0 } from '../testing/sampleWorkspace';
import { writeAnnotationsPdf } from './report';

const dir = mkdtempSync(join(tmpdir(), 'fb-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function poppler(tool: string): string {
  for (const p of [`/usr/bin/${tool}`, `/usr/local/bin/${tool}`]) if (existsSync(p)) return p;
  throw new Error(`${tool} (poppler-utils) is missing: apt-get install -y poppler-utils`);
}

const ws = buildSampleWorkspace(6);
const head = { seq: 1234, hash: 'c0ffee'.repeat(10) + 'beef' };

describe('PDF report', () => {
  it('reads back with pdftotext: title page, one section per annotation, comments, charts; page count from pdfinfo', async () => {
    const bytes = await collect((out) =>
      writeAnnotationsPdf(
        sampleSource(ws),
        {
          exportedBy: 'Ada Lovelace',
          exportedAt: T0,
          filter: { tags: ['thermal'] },
          auditHead: head,
        },
        out,
      ),
    );
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(dir, 'report.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync(poppler('pdftotext'), ['-layout', file, '-']).toString();
    expect(text).toContain('Annotation report');
    expect(text).toContain('Rover ops: Sol 42');
    expect(text).toContain('Tags (any): thermal');
    expect(text).toContain(head.hash);
    expect(text).toContain('Entry #1234');
    expect(text).toContain('Drift, "warm" phase');
    expect(text).toContain('Yes — cycle 3, résumé attached.');
    expect(text).toContain('Bob Ωmega');
    expect(text).not.toContain('Spike 0');
    expect(text).toMatch(/Channels\s+ch-\d \(°C\), ch-shared \(°C\)/); // labels, not ids
    expect(text).toMatch(/End of report: 8 annotations/);
    const info = execFileSync(poppler('pdfinfo'), [file]).toString();
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text.match(/\f/g)?.length ?? 0).toBe(pages);
    const images = execFileSync(poppler('pdfimages'), ['-list', file])
      .toString()
      .trim()
      .split('\n')
      .slice(2);
    expect(images).toHaveLength(8); // one chart per thermal annotation: 4 ranges in each of 2 collections
    execFileSync(poppler('pdftoppm'), [
      '-png',
      '-r',
      '60',
      '-f',
      '2',
      '-l',
      '2',
      file,
      join(dir, 'page'),
    ]);
    expect(existsSync(join(dir, 'page-2.png'))).toBe(true);
  });

  it('says when nothing matches, and works without telemetry', async () => {
    const bytes = await collect((out) =>
      writeAnnotationsPdf(
        sampleSource(ws, { telemetry: false }),
        { exportedBy: 'Ada', exportedAt: T0, filter: { author: 'nobody' }, auditHead: null },
        out,
      ),
    );
    const file = join(dir, 'empty.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync(poppler('pdftotext'), [file, '-']).toString();
    expect(text).toContain('No annotation matches the filters.');
    expect(text).toContain('No audit trail available');
  });
});
