import { actorOrigin } from '@fieldbook/crdt-model';
import { can, type Action } from '@fieldbook/shared';
import type { AppStateStore } from './appState';
import { actorId } from './session/session';
import type { WorkspaceSync } from './sync/workspaceSync';
import { rememberedGrant } from './telemetry/workspaceGrant';

/**
 * The ground of the document and filing actions: each is one crdt-model
 * change on the open workspace's index, made as the signed-in user, when
 * their remembered grant allows it, through the shell's `run`.
 */
export abstract class IndexEdits {
  constructor(
    protected readonly store: AppStateStore,
    protected readonly workspace: () => WorkspaceSync | null,
    protected readonly run: (work: () => Promise<void> | void) => Promise<void>,
  ) {}

  /** The origin of the user's changes (who made them), for crdt-model writes. */
  protected origin() {
    const session = this.store.get().session;
    return actorOrigin(session ? actorId(session) : 'unknown');
  }

  /** Whether the user's remembered grant allows `action` (unknown yet: yes; the server decides). */
  protected may(action: Action): boolean {
    const { session, workspace } = this.store.get();
    const grant = session && workspace ? rememberedGrant(session, workspace.id) : null;
    return grant === null || can(grant, action);
  }

  /** The open workspace's sync once its index has loaded, else null: nothing to edit yet. */
  protected index() {
    const ws = this.workspace();
    return ws?.hasIndex ? ws : null;
  }
}
