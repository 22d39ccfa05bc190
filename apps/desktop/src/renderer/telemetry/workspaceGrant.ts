import { useEffect, useState } from 'react';
import { RoleSchema, type Grant } from '@fieldbook/shared';
import type { Session } from '../session/session';

/** What the user holds in a workspace, and the names of its members by user id. */
export interface WorkspaceAccess {
  grant: Grant | null;
  names: Record<string, string>;
}

const cacheKey = (profileId: string, workspaceId: string) =>
  `fieldbook/access/${profileId}/${workspaceId}`;

interface MemberRow {
  userId: string;
  role: string;
  capabilities: string[];
  name?: string;
  email?: string;
}

async function fetchAccess(
  session: Extract<Session, { kind: 'server' }>,
  workspaceId: string,
): Promise<WorkspaceAccess> {
  const members: MemberRow[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await fetch(
      `${session.serverUrl}/api/v1/workspaces/${workspaceId}/members?limit=200${query}`,
      { headers: { authorization: `Bearer ${session.tokens.accessToken}` } },
    );
    if (!res.ok) throw new Error(`members: HTTP ${res.status}`);
    const page = (await res.json()) as { items: MemberRow[]; nextCursor: string | null };
    members.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const me = members.find((m) => m.userId === session.userId);
  const names = Object.fromEntries(members.map((m) => [m.userId, m.name ?? m.email ?? m.userId]));
  names[session.userId] = session.userName;
  // Readable but not listed as a member: a tenant administrator, who holds every workspace.
  const grant: Grant = me
    ? { role: RoleSchema.parse(me.role), capabilities: me.capabilities as Grant['capabilities'] }
    : { role: 'admin', capabilities: [] };
  return { grant, names };
}

/** Announced on `window` when a workspace's access was fetched again (detail: the workspace id). */
const ACCESS_CHANGED = 'fieldbook:access-changed';

/**
 * Fetches the user's access to a workspace again (e.g. after the server
 * refused a write: the role may have changed), remembers it and tells every
 * screen showing that workspace.
 */
export async function refreshWorkspaceAccess(
  session: Extract<Session, { kind: 'server' }>,
  workspaceId: string,
): Promise<WorkspaceAccess> {
  const access = await fetchAccess(session, workspaceId);
  localStorage.setItem(cacheKey(session.profileId, workspaceId), JSON.stringify(access));
  window.dispatchEvent(new CustomEvent(ACCESS_CHANGED, { detail: workspaceId }));
  return access;
}

/**
 * Takes a grant the server pushed on a sync socket (an admin changed the
 * user's role) into the remembered access, and tells every screen at once:
 * an editor turns read-only without waiting for a refused write.
 */
export function applyPushedGrant(
  session: Extract<Session, { kind: 'server' }>,
  workspaceId: string,
  grant: Grant,
): void {
  const key = cacheKey(session.profileId, workspaceId);
  const cached = localStorage.getItem(key);
  const names = cached ? (JSON.parse(cached) as WorkspaceAccess).names : {};
  localStorage.setItem(key, JSON.stringify({ grant, names } satisfies WorkspaceAccess));
  window.dispatchEvent(new CustomEvent(ACCESS_CHANGED, { detail: workspaceId }));
}

/** The grant remembered for a workspace (null when never fetched), without waiting for the server. */
export function rememberedGrant(session: Session, workspaceId: string): Grant | null {
  if (session.kind === 'local') return { role: 'admin', capabilities: [] };
  const cached = localStorage.getItem(cacheKey(session.profileId, workspaceId));
  return cached ? (JSON.parse(cached) as WorkspaceAccess).grant : null;
}

/**
 * What the signed-in user may do in the workspace (for hiding what the server
 * would refuse) and who its members are: from the member list, remembered
 * for offline use. A local profile owns its documents (admin). The grant is
 * null while unknown.
 */
export function useWorkspaceAccess(session: Session | null, workspaceId: string): WorkspaceAccess {
  const [access, setAccess] = useState<WorkspaceAccess>(() => {
    if (!session) return { grant: null, names: {} };
    if (session.kind === 'local') return { grant: { role: 'admin', capabilities: [] }, names: {} };
    const cached = localStorage.getItem(cacheKey(session.profileId, workspaceId));
    return cached ? (JSON.parse(cached) as WorkspaceAccess) : { grant: null, names: {} };
  });
  const serverSession = session?.kind === 'server' ? session : null;
  useEffect(() => {
    if (!serverSession) return;
    let live = true;
    fetchAccess(serverSession, workspaceId).then(
      (a) => {
        localStorage.setItem(cacheKey(serverSession.profileId, workspaceId), JSON.stringify(a));
        if (live) setAccess(a);
      },
      () => {},
    );
    const onChanged = (e: Event) => {
      if ((e as CustomEvent<string>).detail !== workspaceId) return;
      const cached = localStorage.getItem(cacheKey(serverSession.profileId, workspaceId));
      if (cached && live) setAccess(JSON.parse(cached) as WorkspaceAccess);
    };
    window.addEventListener(ACCESS_CHANGED, onChanged);
    return () => {
      live = false;
      window.removeEventListener(ACCESS_CHANGED, onChanged);
    };
  }, [serverSession, workspaceId]);
  return access;
}
