import { z } from 'zod';
import type { WorkspaceSummary } from '../../common/ipcContract';

const ListSchema = z.array(z.object({ id: z.string(), name: z.string() }));

const keyOf = (profileId: string) => `fieldbook.workspaces.${profileId}`;

/** The workspaces a profile has opened on this machine, so they list without network. */
export function rememberedWorkspaces(profileId: string): WorkspaceSummary[] {
  try {
    const parsed = ListSchema.safeParse(JSON.parse(localStorage.getItem(keyOf(profileId)) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Unites workspace lists by id (later names win) and sorts them by name. */
export function mergeWorkspaces(...lists: (readonly WorkspaceSummary[])[]): WorkspaceSummary[] {
  const byId = new Map<string, WorkspaceSummary>();
  for (const list of lists) for (const w of list) byId.set(w.id, { id: w.id, name: w.name });
  return [...byId.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}

/** Saves the profile's workspace list. */
export function rememberWorkspaces(profileId: string, list: readonly WorkspaceSummary[]): void {
  localStorage.setItem(keyOf(profileId), JSON.stringify(list));
}

const lastKey = (profileId: string) => `fieldbook.lastWorkspace.${profileId}`;

/** The workspace the profile had open last, so a restart reopens it. */
export function lastWorkspace(profileId: string): string | null {
  return localStorage.getItem(lastKey(profileId));
}

/** Records the workspace just opened. */
export function rememberLastWorkspace(profileId: string, workspaceId: string): void {
  localStorage.setItem(lastKey(profileId), workspaceId);
}
