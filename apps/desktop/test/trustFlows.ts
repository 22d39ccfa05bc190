// Steps the trust tests and the trust screenshot gallery share: what a
// viewer's page offers, and reading a document's rows out of a page's
// IndexedDB the way the app stores them.
import { noteBody } from '@fieldbook/crdt-model';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';

/** Every stored row of the document `docId` in the page's IndexedDB, merged into one Y.Doc. */
export async function storedInBrowser(page: Page, docId: string): Promise<Y.Doc> {
  const rows = await page.evaluate(async (id) => {
    const all: number[][] = [];
    for (const { name } of await indexedDB.databases()) {
      if (!name?.endsWith(`/${id}`)) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const got = await new Promise<Uint8Array[]>((resolve, reject) => {
        const req = db.transaction('updates').objectStore('updates').getAll();
        req.onsuccess = () => resolve(req.result as Uint8Array[]);
        req.onerror = () => reject(req.error);
      });
      db.close();
      all.push(...got.map((u) => [...u]));
    }
    return all;
  }, docId);
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row));
  return doc;
}

/** The note text a page's IndexedDB holds for `docId`. */
export async function storedNoteInBrowser(page: Page, docId: string): Promise<string> {
  return noteBody(await storedInBrowser(page, docId)).toString();
}

/** What of the note's editing a page offers, for asserting a viewer gets none of it. */
export async function noteEditingOffered(page: Page): Promise<Record<string, boolean | number>> {
  return {
    editorEditable: await page
      .getByTestId('editor')
      .evaluate((el) => (el as HTMLElement).isContentEditable),
    titleReadOnly: await page
      .getByLabel('Title', { exact: true })
      .evaluate((el) => (el as HTMLInputElement).readOnly),
    addTag: await page.getByLabel('Add tag').count(),
    removeTag: await page.getByRole('button', { name: /^Remove tag/ }).count(),
    newNote: await page.getByRole('button', { name: 'New note' }).count(),
    newFolder: await page.getByRole('button', { name: 'New folder' }).count(),
  };
}
