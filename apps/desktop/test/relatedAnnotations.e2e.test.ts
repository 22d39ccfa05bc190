// "Related annotations" beside a chart, in Debian's Chromium: the chart
// workbench over an annotation collection (src/renderer/telemetry/relatedHarness)
// suggests what is in view on its channels and, once one is selected, what
// shares its tags anywhere in time; choosing a suggestion (mouse or keyboard)
// selects it, and new annotations show up as they are drawn. Screenshots of
// the panel (light and dark) go to docs/screenshots/search.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateAnnotationInput } from '@fieldbook/crdt-model';
import { a11yProblems } from './axe';
import { launchChromium } from './browser';
import { serveStatic, type StaticServer } from './staticServer';

const shots = fileURLToPath(new URL('../../../docs/screenshots/search', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'fieldbook-related-e2e-'));
const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 1, 10);

let site: StaticServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** Draws a range annotation on `channel` from minute `a` to `b` after T0. */
const add = (title: string, channel: string, a: number, b: number, tags: string[] = []) =>
  page.evaluate(
    (input) =>
      (
        globalThis as unknown as { relatedHarness: { add(i: CreateAnnotationInput): string } }
      ).relatedHarness.add(input),
    {
      kind: 'range',
      anchor: { channels: [channel], t: T0 + a * MIN, t2: T0 + b * MIN },
      title,
      tags,
    } satisfies CreateAnnotationInput,
  );

const related = () => page.getByRole('region', { name: 'Related annotations' });
const suggested = async () =>
  (await related().locator('.related-annotations__name').allTextContents()).join(' | ');

beforeAll(async () => {
  const root = join(work, 'site');
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    root: fileURLToPath(new URL('../src/renderer/telemetry/relatedHarness', import.meta.url)),
    logLevel: 'warn',
    build: { outDir: root, emptyOutDir: true },
  });
  site = await serveStatic(root);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${site.url}#channels=bus.volt&from=${T0 + 10 * MIN}&to=${T0 + 20 * MIN}`);
  await page.getByRole('complementary', { name: 'Annotations' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('related annotations beside a chart', () => {
  it('suggests what is in view, then what shares the selected one’s tags, and selects on choice', async () => {
    // Shown once the collection has an annotation, even one out of view.
    expect(await related().count()).toBe(0);
    await add('Old untagged', 'bus.volt', -2000, -1990);
    await expect
      .poll(() => related().textContent())
      .toContain('Nothing else in view on these channels');
    await add('Bus dip', 'bus.volt', 12, 13, ['power']);
    await add('Heater trip', 'bus.volt', 15, 16, ['thermal']);
    await add('Old power dip', 'bus.volt', -3000, -2990, ['power']);
    await add('Wheel current spike', 'wheel.current', 14, 15, ['power']);
    await expect.poll(suggested).toBe('Heater trip | Bus dip');

    await page
      .getByRole('button', { name: /Bus dip/ })
      .first()
      .click();
    await expect.poll(suggested).toBe('Old power dip | Heater trip');
    const old = related().getByRole('button', { name: /Old power dip/ });
    expect(await old.locator('.ui-chip').allTextContents()).toEqual(['#power']);
    expect(
      await related()
        .getByRole('button', { name: /Heater trip/ })
        .textContent(),
    ).toContain('in view');

    await add('New power glitch', 'bus.volt', 17, 18, ['power']);
    await expect.poll(suggested).toBe('New power glitch | Old power dip | Heater trip');

    await old.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page.getByRole('region', { name: 'Selected annotation' }).getByLabel('Title').inputValue(),
      )
      .toBe('Old power dip');
    await expect.poll(suggested).toBe('Bus dip | New power glitch | Heater trip');
  });

  it('looks right in both themes and passes axe', async () => {
    mkdirSync(shots, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), scheme);
      await page
        .getByRole('complementary', { name: 'Annotations' })
        .screenshot({ path: join(shots, `related-annotations-${scheme}.png`) });
    }
    expect(await a11yProblems(page, { include: '.related-annotations' })).toEqual([]);
    expect(problems).toEqual([]);
  });
});
