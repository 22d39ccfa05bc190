// The note editor's live preview in Debian's Chromium against a real server:
// Markdown pasted into a note is shown rendered (heading, strong, link without
// its URL, task checkbox, table, highlighted code, inline image) while the
// server stores the very same Markdown; under the note, its word count and
// who edited it last.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamWithWorkspace, type TestUser } from './accounts';
import { buildRenderer, launchChromium } from './browser';
import { accessToken, storedMarkdown } from './docReader';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { newNote, signInAt } from './webUi';

const work = mkdtempSync(join(tmpdir(), 'fieldbook-note-preview-e2e-'));
const ada: TestUser = { name: 'Ada Okafor', email: 'ada@rover.test', password: 'correct horse 1' };
const bo: TestUser = { name: 'Bo Lindqvist', email: 'bo@rover.test', password: 'battery staple 2' };
const DOT =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const MARKDOWN = [
  '# Drive log',
  'Traverse of **2.3 km** along the ridge; see the [drive plan](https://example.test/plan).',
  '- [ ] Download mastcam images',
  '',
  '| Wheel | Current |',
  '| --- | --- |',
  '| Left middle | 0.9 A |',
  '',
  '```python',
  'def nominal(current_a):',
  '    return current_a < 0.6',
  '```',
  '',
  `![rover](${DOT})`,
  '',
  'End.',
].join('\n');

let server: ServerProcess;
let browser: Browser;
let page: Page;
let workspaceId: string;
const problems: string[] = [];

beforeAll(async () => {
  const webDir = join(work, 'renderer');
  await buildRenderer(webDir);
  server = await startServerProcess(webDir);
  workspaceId = (await teamWithWorkspace(server.url, 'Rover notes', ada, bo)).workspaceId;
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  await signInAt(page, server.url, ada);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** The computed style property `prop` of the innermost element of the editor whose text is `text`. */
const styleOf = (text: string, prop: 'fontWeight' | 'fontSize' | 'color') =>
  page.getByTestId('editor').evaluate(
    (root, [text, prop]) => {
      const all = [...root.querySelectorAll('*')].filter((el) => el.textContent === text);
      const el = all.at(-1);
      return el ? getComputedStyle(el)[prop as 'color'] : null;
    },
    [text, prop] as const,
  );

describe('the note editor', () => {
  it('shows pasted Markdown rendered, stores it unchanged, and counts its words', async () => {
    const docId = await newNote(page, 'Drive log');
    // The editor's content element (contenteditable), where CodeMirror takes a paste.
    const editor = page.getByTestId('editor');
    await editor.click();
    await editor.evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    }, MARKDOWN);
    const token = await accessToken(server.url, ada.email, ada.password);
    await expect
      .poll(() => storedMarkdown(server.url, token, workspaceId, docId), { timeout: 10_000 })
      .toBe(MARKDOWN);

    // A heading, larger than the text; strong text bold; the link's label without its URL.
    await expect.poll(() => editor.locator('.cm-md-h1').textContent()).toBe('Drive log');
    const size = async (text: string) => parseFloat((await styleOf(text, 'fontSize'))!);
    expect(await size('Drive log')).toBeGreaterThan(await size('End.'));
    expect(Number(await styleOf('2.3 km', 'fontWeight'))).toBeGreaterThanOrEqual(600);
    expect(await editor.locator('.cm-md-link').textContent()).toBe('drive plan');
    expect(await editor.textContent()).not.toContain('https://example.test/plan');
    // A task checkbox that toggles the text; a table; code in colours; the image itself.
    await editor.locator('.cm-md-task').click();
    await expect
      .poll(() => storedMarkdown(server.url, token, workspaceId, docId), { timeout: 10_000 })
      .toContain('- [x] Download mastcam images');
    expect(await editor.locator('.cm-md-table th').allTextContents()).toEqual(['Wheel', 'Current']);
    expect(await editor.locator('.cm-md-table td').allTextContents()).toEqual([
      'Left middle',
      '0.9 A',
    ]);
    const plain = await editor
      .locator('.cm-md-codeblock')
      .nth(1)
      .evaluate((el) => getComputedStyle(el).color);
    expect(await styleOf('def', 'color')).not.toBe(plain);
    await expect
      .poll(() =>
        editor
          .locator('.cm-md-image img')
          .evaluate((img) => (img as HTMLImageElement).naturalWidth),
      )
      .toBe(1);
    // Under the note: how many words, and who edited it last.
    const footer = page.getByText(/^\d+ words$/);
    // Counted 300 ms after the text last changed.
    await expect
      .poll(async () => Number((await footer.textContent())!.split(' ')[0]))
      .toBeGreaterThan(20);
    await page.getByText(`Last edited by ${ada.name}`).waitFor();
    expect(problems).toEqual([]);
  });
});
