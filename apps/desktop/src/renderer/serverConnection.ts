import type { AppStateStore } from './appState';
import { mainStore } from './bridgeClient';
import type { SessionController } from './sessionController';
import type { Session } from './session/session';
import { RefusalRecovery } from './sync/refusalRecovery';
import { describeRefused } from './sync/refusedWrites';
import { ServerLink } from './sync/serverLink';
import {
  applyPushedGrant,
  refreshWorkspaceAccess,
  rememberedGrant,
} from './telemetry/workspaceGrant';

/** What a server session's connection needs from the shell around it. */
export interface ServerConnectionHost {
  readonly store: AppStateStore;
  readonly sessions: SessionController;
  /** The recovery of refused writes in use now (null once the session has ended). */
  recovery(): RefusalRecovery | null;
  /** Closes the open workspace's sync: nothing more is sent or stored. */
  stopSync(): void;
  /** Opens the workspace's sync again, where the user was. */
  resumeSync(): void;
}

/**
 * Connects a server session: its link (tokens, refusals and pushed grants
 * into the app state) and the recovery that repairs writes the server refused.
 * Kept apart from the shell so the session wiring reads as one piece.
 */
export function connectServer(
  session: Extract<Session, { kind: 'server' }>,
  host: ServerConnectionHost,
): { link: ServerLink; recovery: RefusalRecovery } {
  const { store, sessions } = host;
  const link = new ServerLink({
    serverUrl: session.serverUrl,
    accessToken: () => sessions.accessToken(),
    renewToken: () => sessions.renew(),
    onRefused: (refusal) => store.update({ refusal }),
    onWriteRefused: (ref, reason) => host.recovery()?.refused(ref, reason),
    onGrantChanged: (workspaceId, grant) => {
      const before = rememberedGrant(session, workspaceId);
      applyPushedGrant(session, workspaceId, grant);
      if (before?.role !== grant.role && store.get().workspace?.id === workspaceId)
        store.update({ roleChange: { workspaceId, role: grant.role } });
    },
  });
  link.setOnline(navigator.onLine);
  const recovery = new RefusalRecovery({
    profileId: session.profileId,
    link,
    main: mainStore(session.profileId, (message) => store.update({ storeDamage: message })),
    stopSync: () => host.stopSync(),
    refreshAccess: async (ws) => void (await refreshWorkspaceAccess(session, ws)),
    resumeSync: () => host.resumeSync(),
    report: (refused) =>
      store.update({ refusedWrites: describeRefused(refused, store.get().index) }),
  });
  return { link, recovery };
}
