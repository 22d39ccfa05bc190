import { dialog, type BrowserWindow } from 'electron';
import { WORKSPACE_FILE_EXTENSION } from '../node/workspaceFile/format';

const FILTERS = [{ name: 'Fieldbook workspace', extensions: [WORKSPACE_FILE_EXTENSION.slice(1)] }];

/** Native "Save as" for a workspace file; null when cancelled. */
export async function chooseExportPath(
  win: BrowserWindow,
  suggestedName: string,
): Promise<string | null> {
  const result = await dialog.showSaveDialog(win, {
    title: 'Export workspace',
    defaultPath: suggestedName,
    filters: FILTERS,
  });
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** Native "Open" for a workspace file; null when cancelled. */
export async function chooseImportPath(win: BrowserWindow): Promise<string | null> {
  const result = await dialog.showOpenDialog(win, {
    title: 'Import workspace file',
    filters: FILTERS,
    properties: ['openFile'],
  });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
