// What a user does on a chart in the app, as Playwright steps, shared by the
// chart browser tests and the chart screenshot script.
import type { Page } from 'playwright-core';

/** Makes a chart from the sidebar's create menu; resolves when its screen shows. */
export async function newChart(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'More to create' }).click();
  await page.getByRole('menuitem', { name: 'New chart' }).click();
  await page.getByLabel('Add channel').waitFor();
}

/** Adds a channel to the chart's first panel by its shown name, e.g. "rover.wheel.fl.current (A)". */
export async function addChannel(page: Page, name: string): Promise<void> {
  const picker = page.getByLabel('Add channel').first();
  if ((await picker.evaluate((el) => el.tagName)) === 'SELECT') {
    await picker.selectOption({ label: name });
    return;
  }
  await picker.click();
  await page.getByRole('option', { name, exact: true }).click();
}

/** Drags (or clicks, when from = to) over the first plot between fractions of its width and height. */
export async function drawOnPlot(
  page: Page,
  from: [number, number],
  to: [number, number],
): Promise<void> {
  const box = (await page.locator('.u-over').first().boundingBox())!;
  const at = (f: [number, number]) =>
    [box.x + box.width * f[0], box.y + box.height * f[1]] as const;
  await page.mouse.move(...at(from));
  await page.mouse.down();
  if (from[0] !== to[0] || from[1] !== to[1]) await page.mouse.move(...at(to), { steps: 5 });
  await page.mouse.up();
}
