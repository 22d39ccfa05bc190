// The chart harness page (the app's ChartWorkbench on one annotation
// collection) opened as a signed-in member, for browser tests of what each
// role may do on a chart.
import type { Browser, Page } from 'playwright-core';
import type { Annotation } from '@fieldbook/shared';
import type { TestUser } from './accounts';

/** Signs `user` in over REST: the access token and the user's id. */
export async function login(
  serverUrl: string,
  user: TestUser,
): Promise<{ accessToken: string; user: { id: string } }> {
  const res = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  return (await res.json()) as { accessToken: string; user: { id: string } };
}

/** Where the harness runs and in which workspace; page errors are pushed to `problems`. */
export interface HarnessSite {
  browser: Browser;
  serverUrl: string;
  workspaceId: string;
  problems: string[];
  viewport?: { width: number; height: number };
}

/** The harness on collection `doc` as `user` with `role`; `create` makes the collection. */
export async function chartAs(
  site: HarnessSite,
  user: TestUser,
  role: string,
  doc: string,
  create = false,
): Promise<Page> {
  const { accessToken, user: me } = await login(site.serverUrl, user);
  const context = await site.browser.newContext({
    viewport: site.viewport ?? { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => site.problems.push(e.stack ?? e.message));
  const params = new URLSearchParams({
    ws: site.workspaceId,
    doc,
    token: accessToken,
    actor: me.id,
    name: user.name,
    role,
    ...(create ? { create: '1' } : {}),
  });
  await page.goto(`${site.serverUrl}/harness/index.html#${params.toString()}`);
  await page.getByRole('complementary', { name: 'Annotations' }).waitFor();
  return page;
}

/** The annotations the page's replica holds. */
export function annotations(page: Page): Promise<Annotation[]> {
  return page.evaluate(() =>
    (window as unknown as { harness: { annotations(): Annotation[] } }).harness.annotations(),
  );
}

/** Draws an annotation through the harness (as the page's user); its id. */
export function annotate(page: Page, annotation: unknown): Promise<string> {
  return page.evaluate(
    (a) => (window as unknown as { harness: { annotate(a: unknown): string } }).harness.annotate(a),
    annotation,
  );
}
