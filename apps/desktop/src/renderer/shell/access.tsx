import { can, type Action, type Grant } from '@fieldbook/shared';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { actorId, type Session } from '../session/session';
import { useWorkspaceAccess } from '../telemetry/workspaceGrant';

/** What the signed-in user may do in the open workspace, and who its members are. */
export interface Access {
  /** The user's grant; null while not known yet (first start, before the member list arrives). */
  readonly grant: Grant | null;
  /** The actor id the user's changes carry (for own-versus-all rules). */
  readonly actor: string | null;
  /**
   * Whether the UI offers an action. While the grant is unknown it does (the
   * server decides either way, and refused edits are reverted); once known,
   * `can()` from the one permission matrix decides.
   */
  may(action: Action, owner?: string): boolean;
  /** A person's display name from their actor id ("local:…" is the local profile). */
  nameOf(actor: string | null | undefined): string;
}

const fallback: Access = {
  grant: null,
  actor: null,
  may: () => true,
  nameOf: (a) => a ?? 'Someone',
};
const AccessContext = createContext<Access>(fallback);

/** Provides the open workspace's Access to the screens below. */
export function AccessProvider({
  session,
  workspaceId,
  children,
}: {
  session: Session;
  workspaceId: string;
  children: ReactNode;
}) {
  const { grant, names } = useWorkspaceAccess(session, workspaceId);
  const value = useMemo<Access>(() => {
    const actor = actorId(session);
    return {
      grant,
      actor,
      may: (action, owner) =>
        grant === null ? true : can(grant, action, { own: owner === undefined || owner === actor }),
      nameOf: (who) => {
        if (!who) return 'Someone';
        if (who === actor) return session.userName || 'You';
        if (who.startsWith('local:')) return 'Local profile';
        return names[who] ?? 'A former member';
      },
    };
  }, [grant, names, session]);
  return <AccessContext.Provider value={value}>{children}</AccessContext.Provider>;
}

/** The open workspace's Access (permissive defaults outside a workspace). */
export function useAccess(): Access {
  return useContext(AccessContext);
}
