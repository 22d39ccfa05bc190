// What every screenshot gallery script does the same way: one shot per theme
// and width, and a page signed in and synced before anything is shown.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { TestUser } from './accounts';
import { signInAt } from './webUi';

/** The themes and widths every gallery covers (the "light and dark, 1024 and 1440"). */
export const THEMES = ['light', 'dark'] as const;
export const WIDTHS = [1024, 1440] as const;

/** How a gallery takes its shots: the narrow window's height and how long a page settles. */
export interface ShotOptions {
  narrowHeight?: number;
  settleMs?: number;
}

/**
 * Saves `<name>-<theme>-<width>.png` in `out` for every theme and width, then
 * leaves the page light and wide again for the next scene.
 */
export async function shootAll(page: Page, out: string, name: string, opts: ShotOptions = {}) {
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    for (const width of WIDTHS) {
      await page.setViewportSize({
        width,
        height: width === 1024 ? (opts.narrowHeight ?? 700) : 900,
      });
      await page.waitForTimeout(opts.settleMs ?? 250);
      await page.screenshot({ path: join(out, `${name}-${theme}-${width}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** A new browser context's page with `user` signed in and the workspace synced. */
export async function signedInPage(browser: Browser, url: string, user: TestUser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInAt(page, url, user);
  return page;
}
