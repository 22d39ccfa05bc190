// The `.fieldbook` format lives in @fieldbook/workspace-file; the desktop's
// main process (file dialogs) reaches its extension through here.
export { WORKSPACE_FILE_EXTENSION } from '@fieldbook/workspace-file';
