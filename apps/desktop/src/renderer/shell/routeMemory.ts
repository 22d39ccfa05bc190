import { formatLocation, parseLocation, type Route } from './route';

const keyOf = (profileId: string, workspaceId: string) =>
  `fieldbook.lastRoute.${profileId}.${workspaceId}`;

/** The place the profile was last in a workspace (for a restart, which has no URL hash). */
export function rememberedRoute(profileId: string, workspaceId: string): Route | null {
  const saved = localStorage.getItem(keyOf(profileId, workspaceId));
  if (!saved) return null;
  const location = parseLocation(saved);
  return location.workspaceId === workspaceId ? location.route : null;
}

/** Remembers where the profile is in a workspace. */
export function rememberRoute(profileId: string, workspaceId: string, route: Route): void {
  localStorage.setItem(keyOf(profileId, workspaceId), formatLocation({ workspaceId, route }));
}
