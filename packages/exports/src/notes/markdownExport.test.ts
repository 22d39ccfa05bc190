import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { collect } from '../testing/collect';
import { buildSampleWorkspace, sampleSource } from '../testing/sampleWorkspace';
import { unzip } from '../testing/unzip';
import { exportNoteMarkdown, writeNoteBundle, writeNotesZip } from './markdownExport';

const ws = buildSampleWorkspace(2);
const source = sampleSource(ws);
const [plan, calibration, spectrum] = ws.ids.notes as [string, string, string];

function frontMatter(md: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(md);
  if (!m) throw new Error('no front matter');
  return parse(m[1]!) as Record<string, unknown>;
}

/** Targets of relative Markdown links in `md`, resolved against the file's own path. */
function relativeTargets(path: string, md: string): string[] {
  return [...md.matchAll(/\]\(([^)]+)\)/g)]
    .map((m) => m[1]!)
    .filter((t) => !/^[a-z]+:/.test(t))
    .map((t) => posix.normalize(posix.join(posix.dirname(path), decodeURIComponent(t))));
}

describe('notes as Markdown', () => {
  it('one note: front matter with title, tags, author, dates and attachments', async () => {
    const note = await exportNoteMarkdown(source, plan);
    expect(note.fileName).toBe('Drive plan.md');
    const front = frontMatter(note.markdown);
    expect(front).toMatchObject({
      title: 'Drive plan',
      id: plan,
      tags: ['n0', 'sol42'],
      author: 'Ada Lovelace',
    });
    expect(String(front['created'])).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(front['attachments']).toEqual([
      expect.objectContaining({
        name: 'plot.png',
        file: 'attachments/plot.png',
        type: 'image/png',
      }),
    ]);
    expect(note.markdown).toContain('![plot.png](attachments/plot.png)');
    // The linked notes are not in this file: their Fieldbook links stay.
    expect(note.markdown).toContain(`[Calibration, "drift" notes](fieldbook://doc/${calibration})`);
    const bundle = await unzip(await collect((out) => writeNoteBundle(source, plan, out)));
    expect([...bundle.keys()].sort()).toEqual(['Drive plan.md', 'attachments/plot.png']);
  });

  it('the workspace as a ZIP mirroring folders, links rewritten to relative files that exist', async () => {
    const files = await unzip(await collect((out) => writeNotesZip(source, out)));
    const paths = [...files.keys()].sort();
    expect(paths).toEqual([
      'Drive plan.md',
      'Science/Calibration, drift notes.md',
      'Science/Spectra raw/Spectrum 7.md',
      'Science/attachments/log.csv',
      'attachments/plot.png',
    ]);
    const planMd = files.get('Drive plan.md')!.toString();
    expect(planMd).toContain(
      '[Calibration, "drift" notes](Science/Calibration%2C%20drift%20notes.md)',
    );
    expect(planMd).toContain('[spectrum](Science/Spectra%20raw/Spectrum%207.md)');
    for (const [path, bytes] of files) {
      if (!path.endsWith('.md')) continue;
      const md = bytes.toString();
      expect(md).not.toMatch(/\[\[[0-9a-f-]{36}\]\]/);
      for (const target of relativeTargets(path, md))
        expect(files.has(target), `${path} → ${target}`).toBe(true);
    }
    expect(files.get('Science/Spectra raw/Spectrum 7.md')!.toString()).toContain(
      '[Drive plan](../../Drive%20plan.md)',
    );
    expect(paths.some((p) => p.includes('Scratch'))).toBe(false);
  });

  it('one folder and its subfolders, paths relative to it', async () => {
    const files = await unzip(
      await collect((out) => writeNotesZip(source, out, { folderId: ws.ids.folders[0]! })),
    );
    expect([...files.keys()].sort()).toEqual([
      'Calibration, drift notes.md',
      'Spectra raw/Spectrum 7.md',
      'attachments/log.csv',
    ]);
    // A link to a note outside the folder keeps its Fieldbook URL.
    expect(files.get('Spectra raw/Spectrum 7.md')!.toString()).toContain(
      `[Drive plan](fieldbook://doc/${plan})`,
    );
    expect(spectrum).toBeTruthy();
  });
});
