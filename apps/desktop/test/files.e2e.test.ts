// Export and import in the app, end to end in Chromium against a real server
// process with the rover streaming: an annotation drawn on a chart leaves as
// an Excel workbook (read back with exceljs) and, filtered, as CSV; the
// workspace leaves as .eln and as a workspace file; a damaged file is refused
// with a sentence and the real one merges back; Markdown files become notes
// all or none; the workspace file becomes a new workspace; a file dropped
// onto an annotation reaches another member.
import { writeFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yProblems } from './axe';
import { launchChromium } from './browser';
import { addChannel, drawOnPlot, newChart } from './chartUi';
import { ada, bo, instrumentScene, type InstrumentScene } from './instrumentScene';
import { editorText, newNote, openNote, sidebarItem, signIn } from './webUi';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
// exceljs is a dependency of @fieldbook/exports, which wrote the file: read it back with it.
const ExcelJS = createRequire(join(repo, 'packages/exports/package.json'))('exceljs') as {
  Workbook: new () => {
    xlsx: { readFile(path: string): Promise<unknown> };
    worksheets: { getSheetValues(): unknown[] }[];
  };
};
const work = mkdtempSync(join(tmpdir(), 'fieldbook-files-e2e-'));

let scene: InstrumentScene;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  scene = await instrumentScene();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await scene?.dispose();
  rmSync(work, { recursive: true, force: true });
});

async function signedIn(user = bo): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.stack ?? e.message));
  // The scene's workspace by its address: the first test also makes a new workspace.
  await page.goto(`${scene.server.url}/#/${scene.workspaceId}`);
  await signIn(page, user);
  await page
    .getByTestId('sync-status')
    .filter({ hasText: /^Synced at/ })
    .waitFor({ timeout: 20_000 });
  return page;
}

/** Draws a range annotation titled `title` on a new chart of a rover wheel's current. */
async function chartWithAnnotation(page: Page, title: string) {
  await newChart(page);
  await addChannel(page, 'rover.wheel.fl.current (A)');
  await page.locator('.u-over').first().waitFor();
  await page.getByLabel('Annotation title').fill(title);
  await page.getByLabel('Draw range').click();
  await drawOnPlot(page, [0.5, 0.5], [0.7, 0.5]);
  await page.locator('.annotation-item').filter({ hasText: title }).waitFor();
}

async function openExport(page: Page, item: string) {
  await page.getByRole('button', { name: 'Export and import' }).click();
  await page.getByRole('menuitem', { name: item }).click();
  return page.getByRole('dialog', { name: /Export|Import/ });
}

async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('dialog').getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

async function exportFile(
  page: Page,
  dialog: ReturnType<Page['getByRole']>,
): Promise<{ name: string; path: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const path = join(work, download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), path };
}

describe('export and import in the app', () => {
  it('exports annotations (XLSX, filtered CSV), .eln and the workspace file, and imports it back', async () => {
    const page = await signedIn();
    await chartWithAnnotation(page, 'Wheel stall');

    let dialog = await openExport(page, 'Export annotations…');
    expect(await a11yProblems(page)).toEqual([]);
    const xlsx = await exportFile(page, dialog);
    expect(xlsx.name).toMatch(/annotations\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx.path);
    const values = book.worksheets[0]!.getSheetValues().flat().map(String);
    expect(values).toContain('Wheel stall');
    await dialog.waitFor({ state: 'detached' });

    dialog = await openExport(page, 'Export annotations…');
    await choose(page, 'Format', /CSV/);
    await choose(page, 'Status', 'Approved');
    const csv = await exportFile(page, dialog);
    expect(readFileSync(csv.path, 'utf8')).not.toContain('Wheel stall');
    await dialog.waitFor({ state: 'detached' });

    dialog = await openExport(page, 'Export workspace…');
    await choose(page, 'What', /ELN file/);
    const eln = await exportFile(page, dialog);
    expect(eln.name).toMatch(/\.eln$/);
    expect(readFileSync(eln.path).subarray(0, 2).toString()).toBe('PK');

    dialog = await openExport(page, 'Export workspace…');
    await choose(page, 'What', /Workspace file/);
    const file = await exportFile(page, dialog);
    expect(file.name).toMatch(/\.fieldbook$/);

    // A damaged file is refused with the server's sentence; the real one merges.
    const broken = join(work, 'broken.fieldbook');
    writeFileSync(broken, 'not a workspace file');
    dialog = await openExport(page, 'Import…');
    await dialog.getByLabel('Workspace file').setInputFiles(broken);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/workspace file/i);
    expect(await a11yProblems(page)).toEqual([]);
    await dialog.getByLabel('Workspace file').setInputFiles(file.path);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/^Merged .*\.fieldbook$/).waitFor();

    // Markdown files become notes, titled from front matter or the first heading.
    const drive = join(work, 'drive.md');
    writeFileSync(drive, '---\ntitle: Drive log\n---\nTraverse of **2.3 km**.\n');
    const wheel = join(work, 'wheel.md');
    writeFileSync(wheel, '# Wheel check\n\nLeft-middle wheel at 0.9 A.\n');
    // All or none: one file that is not text refuses the batch, named, and no note appears.
    const scan = join(work, 'scan.md');
    writeFileSync(scan, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]));
    dialog = await openExport(page, 'Import…');
    await choose(page, 'What', /Markdown files/);
    await dialog.getByLabel('Markdown files').setInputFiles([drive, scan, wheel]);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const badFile = dialog.getByRole('alert');
    await badFile.waitFor();
    expect(await badFile.textContent()).toContain('scan.md is not UTF-8 text');
    expect(await sidebarItem(page, 'Drive log').count()).toBe(0);
    await dialog.getByLabel('Markdown files').setInputFiles([drive, wheel]);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported 2 notes', { exact: true }).waitFor();
    await expect.poll(() => editorText(page)).toContain('Traverse of 2.3 km.');
    await openNote(page, 'Wheel check');
    await expect.poll(() => editorText(page)).toContain('Left-middle wheel at 0.9 A.');
    // Written locally first, listed at once, synced after: another member reads them.
    const other = await signedIn(ada);
    await openNote(other, 'Drive log');
    await expect
      .poll(() => editorText(other), { timeout: 15_000 })
      .toContain('Traverse of 2.3 km.');
    await other.context().close();

    // The workspace file, as a new workspace: it opens, named as asked, with the notes in it.
    dialog = await openExport(page, 'Export workspace…');
    await choose(page, 'What', /Workspace file/);
    const withNotes = await exportFile(page, dialog);
    dialog = await openExport(page, 'Import…');
    await choose(page, 'What', /as a new workspace/);
    await dialog.getByLabel('Workspace file').setInputFiles(broken);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByLabel('Workspace file').setInputFiles(withNotes.path);
    await dialog.getByLabel('Name').fill('Rover copy');
    expect(await a11yProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/^Imported .* as a new workspace$/).waitFor();
    await expect
      .poll(() => page.getByTestId('workspace-name').textContent())
      .toContain('Rover copy');
    await openNote(page, 'Drive log');
    await expect.poll(() => editorText(page), { timeout: 15_000 }).toContain('Traverse of 2.3 km.');
    expect(problems).toEqual([]);
  }, 180_000);
  it('attaches a dropped and a pasted image and a picked PDF to a note, uploads them, and shows them to another member', async () => {
    const page = await signedIn();
    await newNote(page, 'Site photos');
    await page.keyboard.type('Outcrop at the ridge.');
    // A file dropped onto the note, and an image pasted into it, as the browser delivers them.
    await page.evaluate(async () => {
      const png = async (color: string, name: string) => {
        const canvas = new OffscreenCanvas(120, 80);
        const ctx = canvas.getContext('2d')!;
        ctx.fillStyle = color;
        ctx.fillRect(0, 0, 120, 80);
        return new File([await canvas.convertToBlob({ type: 'image/png' })], name, {
          type: 'image/png',
        });
      };
      const target = document.querySelector('.cm-content')!;
      const box = target.getBoundingClientRect();
      const dropped = new DataTransfer();
      dropped.items.add(await png('#1971c2', 'outcrop.png'));
      target.dispatchEvent(
        new DragEvent('drop', {
          dataTransfer: dropped,
          clientX: box.right - 5,
          clientY: box.bottom - 5,
          bubbles: true,
          cancelable: true,
        }),
      );
      const pasted = new DataTransfer();
      pasted.items.add(await png('#2f9e44', 'image.png'));
      target.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: pasted, bubbles: true, cancelable: true }),
      );
    });
    const images = page.locator('.cm-md-image img');
    await expect.poll(() => images.count(), { timeout: 10_000 }).toBe(2);
    await expect
      .poll(() => images.first().evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(120);

    // The panel lists them, uploads them, and a PDF picked there joins them.
    await page.getByRole('button', { name: 'Show attachments' }).click();
    const panel = page.getByRole('complementary', { name: 'Attachments' });
    await panel.getByText('outcrop.png').waitFor();
    const pdf = join(work, 'report.pdf');
    writeFileSync(
      pdf,
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    await panel.getByLabel('Files to attach').setInputFiles(pdf);
    await panel.getByText('report.pdf').waitFor();
    await expect
      .poll(() => panel.getByText(/Waiting to upload|Uploading/).count(), { timeout: 15_000 })
      .toBe(0);
    expect(await panel.getByRole('alert').count()).toBe(0);
    expect(await a11yProblems(page)).toEqual([]);
    await panel.getByRole('button', { name: 'Preview report.pdf' }).click();
    await page.getByRole('dialog', { name: 'report.pdf' }).locator('iframe').waitFor();
    await page.keyboard.press('Escape');
    const [saved] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download report.pdf' }).click(),
    ]);
    expect(saved.suggestedFilename()).toBe('report.pdf');

    // Another member opens the note: the images come from the server.
    const other = await signedIn(ada);
    await openNote(other, 'Site photos');
    const seen = other.locator('.cm-md-image img');
    await expect.poll(() => seen.count(), { timeout: 15_000 }).toBe(2);
    await expect
      .poll(() => seen.first().evaluate((img: HTMLImageElement) => img.naturalWidth), {
        timeout: 15_000,
      })
      .toBe(120);
    expect(problems).toEqual([]);
  }, 120_000);

  it('attaches a file dropped onto an annotation, uploads it, and another member downloads it', async () => {
    const page = await signedIn();
    await chartWithAnnotation(page, 'Dust devil');
    await page.locator('.annotation-item').filter({ hasText: 'Dust devil' }).click();
    const detail = page.getByRole('region', { name: 'Selected annotation' });
    await detail.waitFor();
    const log = 'time,current\n0,0.4\n1,2.9\n';
    await detail.evaluate((section, body) => {
      const dropped = new DataTransfer();
      dropped.items.add(new File([body], 'wheel-log.csv', { type: 'text/csv' }));
      section.dispatchEvent(
        new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }),
      );
    }, log);
    const chip = detail.getByRole('button', { name: 'wheel-log.csv', exact: true });
    await chip.waitFor();
    await expect
      .poll(() => detail.getByText(/^(waiting|uploading)$/).count(), { timeout: 15_000 })
      .toBe(0);
    expect(await detail.getByRole('alert').count()).toBe(0);
    expect(await a11yProblems(page)).toEqual([]);

    // Another member opens the same chart and annotation: the chip downloads from the server.
    const other = await signedIn(ada);
    await other.goto(page.url());
    await other.locator('.annotation-item').filter({ hasText: 'Dust devil' }).click();
    const seen = other
      .getByRole('region', { name: 'Selected annotation' })
      .getByRole('button', { name: 'wheel-log.csv', exact: true });
    await seen.waitFor({ timeout: 15_000 });
    const [saved] = await Promise.all([other.waitForEvent('download'), seen.click()]);
    expect(saved.suggestedFilename()).toBe('wheel-log.csv');
    const path = join(work, 'from-ada.csv');
    await saved.saveAs(path);
    expect(readFileSync(path, 'utf8')).toBe(log);
    expect(problems).toEqual([]);
  }, 120_000);
});
