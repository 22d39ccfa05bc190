// Records out over HTTP from a real server: a workspace (notes in folders,
// annotation collections, attachments) arrives as a .fieldbook file with its
// attachments, then leaves as CSV, XLSX, PDF, Markdown, .eln and a workspace
// file again — each read back by an independent reader — while another tenant
// gets 404 for all of it.
import { buildSampleWorkspace, roCrateProblems, unzip } from '@fieldbook/exports/testing';
import { readWorkspaceFile, writeWorkspaceFile } from '@fieldbook/workspace-file';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantWithRoles } from './fixtures';
import { startIdentityServer, type IdentityServer } from './serverKit';

let s: IdentityServer;
const dir = mkdtempSync(join(tmpdir(), 'fb-exports-e2e-'));
beforeAll(async () => {
  s = await startIdentityServer();
});
afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(path: string, token: string) {
  const res = await fetch(`http://127.0.0.1:${s.port}/api/v1${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('exports over HTTP', () => {
  it('imports a workspace file with attachments, exports every format, and keeps it from other tenants', async () => {
    const t = await tenantWithRoles(s);
    const ws = buildSampleWorkspace(5, t.ws);
    const path = join(dir, 'in.fieldbook');
    await writeWorkspaceFile(
      {
        documentIds: async () => [...ws.states.keys()],
        documentState: async (id) => ws.states.get(id) ?? null,
        attachmentHashes: async () => [...ws.blobs.keys()],
        attachment: async (hash) => ({
          hash,
          mimeType: ws.blobs.get(hash)!.mimeType,
          bytes: ws.blobs.get(hash)!.bytes,
        }),
      },
      { workspaceId: t.ws, exportedBy: 'field laptop', path },
    );
    const imported = await s.call('POST', `/workspaces/${t.ws}/import`, {
      token: t.admin.token,
      body: new Uint8Array(readFileSync(path)),
    });
    expect(imported.body).toMatchObject({
      documentsAdded: ws.states.size,
      attachmentsAdded: 2,
      attachmentsPresent: 0,
    });
    const viewer = t.members.viewer.token;

    const [png] = [...ws.blobs].find(([, b]) => b.mimeType === 'image/png')!;
    const blob = await get(`/workspaces/${t.ws}/blobs/${png}`, viewer);
    expect(blob.res.headers.get('content-type')).toBe('image/png');
    expect(blob.bytes).toEqual(ws.blobs.get(png)!.bytes);

    const csv = await get(`/workspaces/${t.ws}/annotations/export?format=csv&tags=thermal`, viewer);
    expect(csv.res.headers.get('content-disposition')).toMatch(
      /^attachment; filename=".+ annotations\.csv"/,
    );
    const rows = parse(csv.bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r['Tags']!.split('; ').includes('thermal'))).toBe(true);

    const xlsx = await get(
      `/workspaces/${t.ws}/annotations/export?format=xlsx&status=approved`,
      viewer,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Annotations')!;
    expect(sheet.actualRowCount).toBeGreaterThan(1);
    const statusCol = (sheet.getRow(1).values as unknown[]).indexOf('Status');
    for (let r = 2; r <= sheet.actualRowCount; r++)
      expect(sheet.getRow(r).getCell(statusCol).value).toBe('approved');

    const pdf = await get(`/workspaces/${t.ws}/annotations/export?format=pdf`, viewer);
    writeFileSync(join(dir, 'report.pdf'), pdf.bytes);
    const text = execFileSync('pdftotext', [join(dir, 'report.pdf'), '-']).toString();
    expect(text).toContain('Annotation report');
    const head = (await s.call('GET', '/audit?limit=1', { token: t.admin.token })).body.items[0];
    expect(text).toMatch(/Entry #\d+/);
    expect(Number(/Entry #(\d+)/.exec(text)![1])).toBeLessThanOrEqual(head.seq);

    const eln = await get(`/workspaces/${t.ws}/export?format=eln`, viewer);
    expect(eln.res.headers.get('content-type')).toBe('application/vnd.eln+zip');
    const entries = await unzip(eln.bytes);
    const root = [...entries.keys()][0]!.split('/')[0]!;
    const files = new Map([...entries].map(([p, b]) => [p.slice(root.length + 1), b]));
    expect(
      roCrateProblems(JSON.parse(files.get('ro-crate-metadata.json')!.toString()), files),
    ).toEqual([]);
    expect([...files.keys()].some((p) => p.endsWith('attachments/plot.png'))).toBe(true);

    const md = await get(`/workspaces/${t.ws}/export?format=markdown`, viewer);
    expect([...(await unzip(md.bytes)).keys()]).toContain('Science/Spectra raw/Spectrum 7.md');
    const note = await get(`/workspaces/${t.ws}/documents/${ws.ids.notes[0]}/markdown`, viewer);
    expect(note.bytes.toString()).toMatch(/^---\ntitle: Drive plan\n/);

    const back = await get(`/workspaces/${t.ws}/export`, viewer);
    writeFileSync(join(dir, 'out.fieldbook'), back.bytes);
    const roundTrip = readWorkspaceFile(join(dir, 'out.fieldbook'));
    expect(roundTrip.attachments.map((a) => a.hash).sort()).toEqual([...ws.blobs.keys()].sort());
    expect(roundTrip.attachments.find((a) => a.hash === png)!.mimeType).toBe('image/png');

    const other = await tenantWithRoles(s);
    for (const p of [
      `/workspaces/${t.ws}/blobs/${png}`,
      `/workspaces/${other.ws}/blobs/${png}`,
      `/workspaces/${t.ws}/annotations/export?format=csv`,
      `/workspaces/${t.ws}/export?format=eln`,
      `/workspaces/${t.ws}/documents/${ws.ids.notes[0]}/markdown`,
    ]) {
      const res = await get(p, other.admin.token);
      expect([p, res.res.status]).toEqual([p, 404]);
    }
  });
});
