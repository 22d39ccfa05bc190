import { useEffect, useRef, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import { AnnotationIndex, kindOf, type ModelOrigin } from '@fieldbook/crdt-model';
import { syncSocketBase } from '../session/serverApi';
import { actorId, userColor, type Session } from '../session/session';
import { DocReplica } from '../sync/docReplica';
import { announceWriteRefused } from '../sync/refusedWrites';
import { onWriteRefused, SYNC_SUBPROTOCOL } from '../sync/serverLink';
import { initCollection } from './chartDocuments';

/** An annotation collection opened beside a chart, with its index and awareness. */
export interface OpenCollection {
  replica: DocReplica;
  index: AnnotationIndex;
}

/**
 * Opens the annotation collection a chart overlays: restored from IndexedDB,
 * synced with its own provider when signed in to a server, and made a
 * collection when it is still empty after the first sync (or at once when
 * there is no server). Closed when the chart goes away; an update the server
 * refuses stops its sync and is reported to the app's RefusalRecovery.
 */
export function useCollection(
  session: Session | null,
  workspaceId: string,
  collectionId: string | null,
  origin: ModelOrigin,
  mayCreate: boolean,
): OpenCollection | null {
  const [open, setOpen] = useState<OpenCollection | null>(null);
  const token = useRef('');
  token.current = session?.kind === 'server' ? session.tokens.accessToken : '';
  const serverUrl = session?.kind === 'server' ? session.serverUrl : null;
  const profileId = session?.profileId ?? 'local';
  const userId = session ? actorId(session) : null;
  const userName = session?.userName ?? null;
  const user =
    userId && userName !== null ? { id: userId, name: userName, color: userColor(userId) } : null;
  useEffect(() => {
    if (!collectionId) return;
    const replica = new DocReplica({ workspaceId, docId: collectionId }, profileId, null);
    // Others' charts name this user's pointer, in the user's colour.
    if (user) replica.awareness.setLocalStateField('user', user);
    let provider: WebsocketProvider | null = null;
    let index: AnnotationIndex | null = null;
    let closed = false;
    const ready = () => {
      if (closed || index) return;
      if (kindOf(replica.doc) === null && mayCreate) initCollection(replica.doc, origin);
      if (kindOf(replica.doc) !== 'annotations') return;
      index = new AnnotationIndex(replica.doc);
      setOpen({ replica, index });
    };
    void replica.ready.then(() => {
      if (closed) return;
      if (!serverUrl) return ready();
      provider = new WebsocketProvider(
        `${syncSocketBase(serverUrl)}/${encodeURIComponent(workspaceId)}`,
        collectionId,
        replica.doc,
        {
          awareness: replica.awareness,
          protocols: [SYNC_SUBPROTOCOL, `bearer.${token.current}`],
          disableBc: true,
          maxBackoffTime: 5000,
        },
      );
      replica.serverOrigin = provider;
      const refusedOn = provider;
      onWriteRefused(refusedOn, (reason) => {
        refusedOn.disconnect();
        announceWriteRefused(replica.ref, reason);
      });
      provider.on('connection-close', () => {
        if (provider) provider.protocols = [SYNC_SUBPROTOCOL, `bearer.${token.current}`];
      });
      provider.on('sync', (synced: boolean) => synced && ready());
      replica.doc.on('update', ready);
      if (kindOf(replica.doc) === 'annotations') ready();
    });
    return () => {
      closed = true;
      index?.destroy();
      provider?.destroy();
      replica.destroy();
      setOpen(null);
    };
    // `user` is derived from userId and userName, listed here.
  }, [collectionId, workspaceId, profileId, serverUrl, mayCreate, origin, userId, userName]);
  return open;
}
