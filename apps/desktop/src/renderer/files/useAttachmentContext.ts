import { actorOrigin } from '@fieldbook/crdt-model';
import { useEffect, useRef } from 'react';
import type { AppState } from '../appState';
import { actorId } from '../session/session';
import type { AttachmentStore } from '../../common/localStore/attachmentStore';
import { mainAttachmentStore } from '../bridgeClient';
import { IndexedDbAttachmentStore } from './attachmentCache';
import { setAttachmentContext } from './attachments';

const stores = new Map<string, AttachmentStore>();

/** A profile's attachment store: main's SQLite on the desktop, IndexedDB in a browser. */
function storeOf(profileId: string): AttachmentStore {
  let store = stores.get(profileId);
  if (!store) {
    store = mainAttachmentStore(profileId) ?? new IndexedDbAttachmentStore(profileId);
    stores.set(profileId, store);
  }
  return store;
}

/** Keeps the attachment service pointed at the open workspace, its server and the signed-in user. */
export function useAttachmentContext(state: AppState): void {
  const sessionRef = useRef(state.session);
  sessionRef.current = state.session;
  const session = state.session;
  const workspaceId = state.workspace?.id ?? null;
  const serverUrl = session?.kind === 'server' ? session.serverUrl : null;
  const actor = session ? actorId(session) : null;
  useEffect(() => {
    if (!session || !workspaceId || !actor) {
      setAttachmentContext(null);
      return;
    }
    setAttachmentContext({
      store: storeOf(session.profileId),
      workspaceId,
      origin: actorOrigin(actor),
      source: serverUrl
        ? {
            serverUrl,
            workspaceId,
            accessToken: () => {
              const s = sessionRef.current;
              return s?.kind === 'server' ? s.tokens.accessToken : '';
            },
          }
        : null,
    });
    // A new token (a refresh) needs no new context: the source reads the latest one.
  }, [session?.profileId, serverUrl, workspaceId, actor]);
}
