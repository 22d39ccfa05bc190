// What a user does in the app, as Playwright steps, shared by the browser tests.
import type { Page } from 'playwright-core';
import type { TestUser } from './accounts';

/** Signs in through the sign-in screen (the server field defaults to the page's origin). */
export async function signIn(page: Page, user: TestUser): Promise<void> {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
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

/** Opens the note titled `title` from the sidebar. */
export async function openNote(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: title }).click();
}
