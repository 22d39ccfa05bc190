// The accessibility check every screen's browser test calls: axe-core on the
// page as it is, in the theme it is in, failing on serious or critical
// violations with a readable list of what and where.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** One violation as a line a person can act on. */
export interface A11yProblem {
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: readonly string[];
}

/**
 * The page must come from `browser.newContext()` (axe opens a helper page in
 * its context). Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules plus best practices) on the
 * page, or on `include` (a CSS selector) only, and returns the serious and
 * critical violations — `[]` when there are none: `expect(await
 * a11yProblems(page)).toEqual([])` shows what is wrong when it fails.
 */
export async function a11yProblems(
  page: Page,
  options: { include?: string; exclude?: readonly string[] } = {},
): Promise<A11yProblem[]> {
  // Let transitions and toasts' entry animations settle, so colours are final.
  await page.waitForTimeout(250);
  let builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'wcag22aa',
    'best-practice',
  ]);
  if (options.include) builder = builder.include(options.include);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 8),
    }));
}

/** Switches the page's colour scheme (the app follows the OS by default). */
export async function useColorScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme);
}
