import { readAnnotationCollection } from '@fieldbook/crdt-model';
import {
  AnnotationCollectionSnapshotSchema,
  annotationMatches,
  type AnnotationFilter,
} from '@fieldbook/shared';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ExportContext } from '../source';
import { collect } from '../testing/collect';
import { buildSampleWorkspace, sampleSource, T0 } from '../testing/sampleWorkspace';
import { writeAnnotationsCsv } from './csv';
import { writeAnnotationsJson } from './json';
import { writeAnnotationsXlsx } from './xlsx';

const ws = buildSampleWorkspace(12);
const source = sampleSource(ws);
const ctx = (filter: AnnotationFilter = {}): ExportContext => ({
  exportedBy: 'Ada Lovelace',
  exportedAt: T0 + 86_400_000,
  filter,
});

/** What the filter should let through, worked out over full snapshots. */
function expected(filter: AnnotationFilter) {
  return ws.ids.collections.flatMap((id) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, ws.states.get(id)!);
    return readAnnotationCollection(doc).annotations.filter((a) =>
      annotationMatches(filter, a, id),
    );
  });
}

const FILTERS: AnnotationFilter[] = [
  {},
  { tags: ['review'] },
  { status: 'approved' },
  { author: 'user-bob' },
  { from: T0 + 3_000_000, to: T0 + 5_000_000 },
  { channels: ['ch-1'] },
  { collections: [ws.ids.collections[0]!], tags: ['spike'] },
];

describe('annotation exports', () => {
  it('JSON: collections in the zod snapshot shape, filtered', async () => {
    for (const filter of FILTERS) {
      const json = JSON.parse(
        (await collect((out) => writeAnnotationsJson(source, ctx(filter), out))).toString(),
      );
      expect(json).toMatchObject({
        format: 'fieldbook-annotations',
        workspace: { id: ws.workspaceId },
        filter,
      });
      for (const c of json.collections) {
        const { id: _id, ...snapshot } = c;
        expect(AnnotationCollectionSnapshotSchema.safeParse(snapshot).success).toBe(true);
      }
      const ids = json.collections.flatMap((c: { annotations: { id: string }[] }) =>
        c.annotations.map((a) => a.id),
      );
      expect(ids.sort(), JSON.stringify(filter)).toEqual(
        expected(filter)
          .map((a) => a.id)
          .sort(),
      );
    }
  });

  it('CSV: RFC 4180 with a BOM, read back by csv-parse, filters applied, comments in a second file', async () => {
    const bytes = await collect((out) => writeAnnotationsCsv(source, ctx(), out));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString()).toContain('\r\n');
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(ws.annotationCount);
    const drift = rows.find((r) => r['Title']!.startsWith('Drift'))!;
    expect(drift['Title']).toBe('Drift, "warm" phase\nsecond line');
    expect(drift['Author']).toBe('Bob Ωmega');
    expect(drift['Tags']).toBe('review; thermal');
    expect(drift['Start']).toBe(new Date(T0 + 600_000).toISOString());
    expect(drift['Comments']).toBe('2');
    for (const filter of FILTERS.slice(1)) {
      const filtered = parse(
        await collect((out) => writeAnnotationsCsv(source, ctx(filter), out)),
        { bom: true, columns: true },
      ) as Record<string, string>[];
      expect(filtered.map((r) => r['Annotation ID']).sort()).toEqual(
        expected(filter)
          .map((a) => a.id)
          .sort(),
      );
    }
    const comments = parse(
      await collect((out) => writeAnnotationsCsv(source, ctx(), out, 'comments')),
      { bom: true, columns: true },
    ) as Record<string, string>[];
    expect(comments).toHaveLength(expected({}).reduce((n, a) => n + a.comments.length, 0));
    const reply = comments.find((c) => c['Reply to'] !== '')!;
    expect(reply['Comment']).toBe('Yes — cycle 3, résumé attached.');
    expect(comments.some((c) => c['Comment ID'] === reply['Reply to'])).toBe(true);
  });

  it('XLSX: read back with exceljs — typed cells, dates as dates, frozen headers, a comments sheet', async () => {
    const bytes = await collect((out) =>
      writeAnnotationsXlsx(source, ctx({ tags: ['thermal'] }), out),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Annotations')!;
    const want = expected({ tags: ['thermal'] });
    expect(sheet.actualRowCount).toBe(want.length + 1);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('Start (UTC)');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const col = (name: string) => header.indexOf(name) + 1;
    const row = sheet.getRow(2);
    expect(row.getCell(col('Start (UTC)')).value).toBeInstanceOf(Date);
    expect((row.getCell(col('Start (UTC)')).value as Date).getTime()).toBe(want[0]!.anchor.t);
    expect(typeof row.getCell(col('Comments')).value).toBe('number');
    const ids = [];
    for (let r = 2; r <= sheet.actualRowCount; r++)
      ids.push(sheet.getRow(r).getCell(col('Annotation ID')).value);
    expect(ids.sort()).toEqual(want.map((a) => a.id).sort());
    const comments = book.getWorksheet('Comments')!;
    expect(comments.actualRowCount - 1).toBe(want.reduce((n, a) => n + a.comments.length, 0));
    expect(comments.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('stops when cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(
      collect((out) => writeAnnotationsCsv(source, { ...ctx(), signal: abort.signal }, out)),
    ).rejects.toThrow(/cancelled/);
  });
});
