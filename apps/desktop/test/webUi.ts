// What a user does in the app, as Playwright steps, shared by the browser tests.
import type { Page } from 'playwright-core';
import type { TestUser } from './accounts';

/** Signs in through the sign-in screen (the server field defaults to the page's origin). */
export async function signIn(page: Page, user: TestUser): Promise<void> {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Waits until the status bar says the workspace is synced. */
export async function waitForSynced(page: Page, timeout = 15_000): Promise<void> {
  await page
    .getByTestId('sync-status')
    .filter({ hasText: /^Synced at/ })
    .waitFor({ timeout });
}

/** Opens the app at `url`, signs `user` in and waits until the workspace is synced. */
export async function signInAt(page: Page, url: string, user: TestUser): Promise<void> {
  await page.goto(url);
  await signIn(page, user);
  await waitForSynced(page);
}

/** The text of the open note's editor. */
export async function editorText(page: Page): Promise<string> {
  return page.getByTestId('editor').evaluate((el) =>
    [...el.querySelectorAll('.cm-line')]
      .map((line) => {
        const copy = line.cloneNode(true) as Element;
        for (const widget of copy.querySelectorAll('.cm-ySelectionCaret, .cm-placeholder')) {
          widget.remove();
        }
        return copy.textContent ?? '';
      })
      .join('\n'),
  );
}

/** Types `text` at the end of the note, as a user would. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.getByTestId('editor').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

/** The status bar's sync text. */
export function syncStatus(page: Page): Promise<string | null> {
  return page.getByTestId('sync-status').textContent();
}

/** The sidebar's entry of the document titled `title`. */
export function sidebarItem(page: Page, title: string) {
  return page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('link', { name: title, exact: true });
}

/** Opens the note titled `title` from the sidebar. */
export async function openNote(page: Page, title: string): Promise<void> {
  await sidebarItem(page, title).click();
}

/** Chooses an item of the open document's actions menu (top bar), e.g. "Move to trash". */
export async function documentAction(page: Page, ...path: string[]): Promise<void> {
  await page.getByRole('button', { name: 'Document actions' }).click();
  // By keyboard, as a submenu is opened without a mouse: ArrowRight into it, Enter on the item.
  for (const [i, name] of path.entries()) {
    const item = page.getByRole('menuitem', { name, exact: true });
    await item.press(i < path.length - 1 ? 'ArrowRight' : 'Enter');
  }
}

/** Chooses an item of the workspace menu (the workspace's name at the top of the sidebar). */
export async function workspaceMenu(page: Page, item: string): Promise<void> {
  await page.getByTestId('workspace-name').click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** The id of the document the page shows, from the URL (#/<workspace>/doc/<id>). */
export async function openDocId(page: Page): Promise<string> {
  const hash = await page.evaluate(() => location.hash);
  const m = /\/doc\/([^/]+)$/.exec(hash);
  if (!m) throw new Error(`no document open (hash ${hash})`);
  return m[1]!;
}

/** Makes a note with Alt+N, names it and puts the keyboard in its text. */
export async function newNote(page: Page, title: string): Promise<string> {
  await page.keyboard.press('Alt+N');
  const field = page.getByLabel('Title', { exact: true });
  await field.fill(title);
  await field.press('Enter');
  await page.getByTestId('editor').waitFor();
  return openDocId(page);
}
