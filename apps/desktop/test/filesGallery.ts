// Renders export, import and attachments in light and dark, at 1024 and
// 1440 px wide, into docs/screenshots/files/, against a real server with the
// rover streaming (for a chart with an annotation).
//   pnpm --filter @fieldbook/desktop exec tsx test/filesGallery.ts
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { addChannel, drawOnPlot, newChart } from './chartUi';
import { bo, instrumentScene } from './instrumentScene';
import { newNote, signIn } from './webUi';
import { shootAll } from './gallery';

const out = fileURLToPath(new URL('../../../docs/screenshots/files', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'fieldbook-files-gallery-'));

const shoot = (page: Page, name: string) =>
  shootAll(page, out, name, { narrowHeight: 760, settleMs: 400 });

async function main(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await signIn(page, bo);
  await page
    .getByTestId('sync-status')
    .filter({ hasText: /^Synced at/ })
    .waitFor({ timeout: 20_000 });
  await newChart(page);
  await addChannel(page, 'rover.wheel.fl.current (A)');
  await page.getByLabel('Annotation title').fill('Wheel stall');
  await page.getByLabel('Draw range').click();
  await drawOnPlot(page, [0.5, 0.5], [0.7, 0.5]);

  // A file dropped onto the selected annotation, shown as a chip.
  await page.locator('.annotation-item').filter({ hasText: 'Wheel stall' }).click();
  const detail = page.getByRole('region', { name: 'Selected annotation' });
  await detail.evaluate((section) => {
    const dropped = new DataTransfer();
    const csv = 'time,current\n0,0.4\n1,2.9\n';
    dropped.items.add(new File([csv], 'wheel-fl-current-sol1205.csv', { type: 'text/csv' }));
    section.dispatchEvent(
      new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }),
    );
  });
  await detail.getByRole('button', { name: 'wheel-fl-current-sol1205.csv', exact: true }).waitFor();
  await page.waitForTimeout(1000);
  await shoot(page, 'annotation-files');

  await page.getByRole('button', { name: 'Export and import' }).click();
  await page.getByRole('menu').waitFor();
  await shoot(page, 'files-menu');
  await page.getByRole('menuitem', { name: 'Export annotations…' }).click();
  await page.getByRole('dialog').waitFor();
  await shoot(page, 'export-annotations');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  const broken = join(work, 'broken.fieldbook');
  writeFileSync(broken, 'not a workspace file');
  await page.getByRole('button', { name: 'Export and import' }).click();
  await page.getByRole('menuitem', { name: 'Import…' }).click();
  await page.getByRole('dialog').getByLabel('Workspace file').setInputFiles(broken);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('dialog').getByRole('alert').waitFor();
  await shoot(page, 'import-refused');

  // The same file as a new workspace, named; then Markdown files with one that is not text.
  const copy = join(work, 'rover-operations.fieldbook');
  writeFileSync(copy, 'a workspace file');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'What' }).click();
  await page.getByRole('option', { name: /as a new workspace/ }).click();
  await dialog.getByLabel('Workspace file').setInputFiles(copy);
  await dialog.getByLabel('Name').fill('Rover operations (field copy)');
  await shoot(page, 'import-new-workspace');
  const good = join(work, 'sol-1205-drive.md');
  writeFileSync(good, '# Sol 1205 drive\n\nNorth along the ridge.\n');
  const scan = join(work, 'mastcam-scan.md');
  writeFileSync(scan, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]));
  await dialog.getByRole('combobox', { name: 'What' }).click();
  await page.getByRole('option', { name: /Markdown files/ }).click();
  await dialog.getByLabel('Markdown files').setInputFiles([good, scan]);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByRole('alert').waitFor();
  await shoot(page, 'import-markdown-refused');
  await page.keyboard.press('Escape');

  await newNote(page, 'Outcrop survey');
  await page.keyboard.type('Mastcam frames of the ridge outcrop, sol 1205.');
  await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(480, 260);
    const ctx = canvas.getContext('2d')!;
    const sky = ctx.createLinearGradient(0, 0, 0, 260);
    sky.addColorStop(0, '#e8a87c');
    sky.addColorStop(1, '#8d5b3b');
    ctx.fillStyle = sky;
    ctx.fillRect(0, 0, 480, 260);
    ctx.fillStyle = '#5b3a29';
    ctx.beginPath();
    ctx.moveTo(0, 260);
    ctx.lineTo(140, 150);
    ctx.lineTo(260, 190);
    ctx.lineTo(380, 120);
    ctx.lineTo(480, 200);
    ctx.lineTo(480, 260);
    ctx.fill();
    const file = new File([await canvas.convertToBlob({ type: 'image/png' })], 'ridge.png', {
      type: 'image/png',
    });
    const data = new DataTransfer();
    data.items.add(file);
    const target = document.querySelector('.cm-content')!;
    target.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  await page.locator('.cm-md-image img').waitFor();
  await page.getByRole('button', { name: 'Show attachments' }).click();
  const panel = page.getByRole('complementary', { name: 'Attachments' });
  const pdf = join(work, 'drill-report.pdf');
  writeFileSync(
    pdf,
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  await panel.getByLabel('Files to attach').setInputFiles(pdf);
  await panel.getByText('drill-report.pdf').waitFor();
  await page.waitForTimeout(1000);
  await shoot(page, 'note-attachments');
  await panel.getByRole('button', { name: 'Preview ridge.png' }).click();
  await page.getByRole('dialog', { name: 'ridge.png' }).locator('img').waitFor();
  await shoot(page, 'attachment-preview');
  await context.close();
}

mkdirSync(out, { recursive: true });
const scene = await instrumentScene();
const browser = await launchChromium();
try {
  await main(browser, scene.server.url);
} finally {
  await browser.close();
  await scene.dispose();
  rmSync(work, { recursive: true, force: true });
}
