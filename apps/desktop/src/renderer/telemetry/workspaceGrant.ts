import { useEffect, useState } from 'react';
import { RoleSchema, type Grant } from '@fieldbook/shared';
import type { Session } from '../session/session';

const cacheKey = (profileId: string, workspaceId: string) =>
  `fieldbook/grant/${profileId}/${workspaceId}`;

async function fetchGrant(
  session: Extract<Session, { kind: 'server' }>,
  workspaceId: string,
): Promise<Grant> {
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await fetch(
      `${session.serverUrl}/api/v1/workspaces/${workspaceId}/members?limit=200${query}`,
      { headers: { authorization: `Bearer ${session.tokens.accessToken}` } },
    );
    if (!res.ok) throw new Error(`members: HTTP ${res.status}`);
    const page = (await res.json()) as {
      items: { userId: string; role: string; capabilities: string[] }[];
      nextCursor: string | null;
    };
    const me = page.items.find((m) => m.userId === session.userId);
    if (me)
      return {
        role: RoleSchema.parse(me.role),
        capabilities: me.capabilities as Grant['capabilities'],
      };
    cursor = page.nextCursor;
  } while (cursor);
  // Readable but not listed as a member: a tenant administrator, who holds every workspace.
  return { role: 'admin', capabilities: [] };
}

/**
 * What the signed-in user may do in the workspace, for hiding what the
 * server would refuse: from the member list, remembered for offline use. A
 * local profile owns its documents (admin). Null while unknown.
 */
export function useWorkspaceGrant(session: Session | null, workspaceId: string): Grant | null {
  const [grant, setGrant] = useState<Grant | null>(() => {
    if (!session) return null;
    if (session.kind === 'local') return { role: 'admin', capabilities: [] };
    const cached = localStorage.getItem(cacheKey(session.profileId, workspaceId));
    return cached ? (JSON.parse(cached) as Grant) : null;
  });
  const serverSession = session?.kind === 'server' ? session : null;
  useEffect(() => {
    if (!serverSession) return;
    let live = true;
    fetchGrant(serverSession, workspaceId).then(
      (g) => {
        localStorage.setItem(cacheKey(serverSession.profileId, workspaceId), JSON.stringify(g));
        if (live) setGrant(g);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [serverSession, workspaceId]);
  return grant;
}
