import { actorOrigin } from '@fieldbook/crdt-model';
import { DocumentDigestSchema, can } from '@fieldbook/shared';
import type { WorkspaceSummary } from '../common/ipcContract';
import type { Peer } from './appState';
import { mainStore } from './bridgeClient';
import type { SessionController } from './sessionController';
import { actorId, userColor, type Session } from './session/session';
import type { RefusalRecovery } from './sync/refusalRecovery';
import type { ServerLink } from './sync/serverLink';
import type { VerifyLog } from './sync/verifyLog';
import { WorkspaceSync } from './sync/workspaceSync';
import { rememberedGrant } from './telemetry/workspaceGrant';

/** What a workspace's sync needs from the shell around it. */
export interface SyncSetupHost {
  readonly sessions: SessionController;
  /** The session's server link, or null for a local profile. */
  readonly link: ServerLink | null;
  readonly verifyLog: VerifyLog;
  /** The recovery of refused writes in use now (repairs copies verification finds damaged). */
  recovery(): RefusalRecovery | null;
  /** Called on any change worth re-reading into the app state. */
  onChange(): void;
  /** Hears that main's database is damaged. */
  onStoreDamage(message: string): void;
}

/**
 * Starts a workspace's sync for the session's user: the user's presence and
 * origin, the remembered grant deciding whether an index may be created, and
 * verification against the server's digests.
 */
export function startWorkspaceSync(
  session: Session,
  workspace: WorkspaceSummary,
  host: SyncSetupHost,
): WorkspaceSync {
  const id = actorId(session);
  const sync = new WorkspaceSync({
    workspaceId: workspace.id,
    workspaceName: workspace.name,
    profileId: session.profileId,
    user: { id, name: session.userName, color: userColor(id) },
    origin: actorOrigin(id),
    main: mainStore(session.profileId, (message) => host.onStoreDamage(message)),
    link: host.link,
    mayCreateIndex: () => {
      const grant = rememberedGrant(session, workspace.id);
      return grant === null || can(grant, 'document.create');
    },
    onChange: () => host.onChange(),
    verify: {
      log: host.verifyLog,
      host: {
        digest: (ref) => {
          const path = `/workspaces/${ref.workspaceId}/documents/${ref.docId}/digest`;
          const api = host.sessions.api();
          if (!api) return Promise.reject(new Error('Not signed in to a server'));
          return api.request('GET', path, DocumentDigestSchema);
        },
        repair: (ref) => host.recovery()?.repair(ref),
      },
    },
  });
  sync.index.awareness.on('change', () => host.onChange());
  return sync;
}

/** The other people in the workspace now, from the index's awareness (this window left out). */
export function readPeers(sync: WorkspaceSync): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of sync.index.awareness.getStates()) {
    const user = (state as { user?: { name?: string; color?: string; docId?: string } }).user;
    if (clientId === sync.index.doc.clientID || !user?.name) continue;
    peers.push({
      clientId,
      name: user.name,
      color: user.color ?? '#868e96',
      docId: user.docId ?? null,
    });
  }
  return peers;
}
