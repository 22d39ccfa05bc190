import type { ProgressEvent } from '../common/ipcChannels';
import { call } from './bridgeClient';

/** The status line for a desktop import or export in progress. */
export function describeProgress(e: ProgressEvent): string {
  const verb = e.operation === 'export' ? 'Exporting' : 'Importing';
  return e.phase === 'finishing'
    ? `${verb}: finishing…`
    : `${verb} ${e.phase} ${e.done}/${e.total}`;
}

/**
 * Desktop: exports a workspace to a file the user picks. Answers the status
 * line saying where it went, or null when the user cancelled.
 */
export async function exportWorkspaceFile(
  profileId: string,
  workspaceId: string,
): Promise<{ text: string } | null> {
  const done = await call('workspaceFile:export', { profileId, workspaceId });
  return done ? { text: `Exported ${done.documents} documents to ${done.fileName}` } : null;
}

/**
 * Desktop: imports a workspace file the user picks (a new workspace, or merged
 * into the one it came from). Answers the workspace and the status line
 * saying what changed, or null when the user cancelled.
 */
export async function importWorkspaceFile(
  profileId: string,
): Promise<{ workspaceId: string; text: string } | null> {
  const done = await call('workspaceFile:import', { profileId });
  if (!done) return null;
  const what = done.created ? 'Imported a new workspace' : 'Merged the workspace file';
  return {
    workspaceId: done.workspaceId,
    text: `${what}: ${done.documentsAdded} new, ${done.documentsMerged} updated documents`,
  };
}
