import {
  AUTH_GRANT_CHANGED,
  AUTH_PERMISSION_DENIED,
  GrantSchema,
  type Grant,
} from '@fieldbook/shared';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { DocRef } from '../../common/localStore/localDocStore';
import { syncSocketBase } from '../session/serverApi';
import type { DocReplica } from './docReplica';

/** Why the server refused us: the session ended, or this user may not use that document. */
export type Refusal = 'session-expired' | 'no-permission';

/** y-protocols' auth message type (permission denied), as y-websocket numbers it. */
const MESSAGE_AUTH = 2;

/** Subprotocol the server answers with; the token rides in a second one (browsers cannot set headers). */
export const SYNC_SUBPROTOCOL = 'fieldbook.v1';

/** How long fetching the server's state of a document may take. */
const SERVER_STATE_TIMEOUT_MS = 10_000;

/**
 * Hears the server's auth messages on a provider: permission-denied (it
 * refused an update the user's role does not allow; `reason` is the server's
 * sentence without the protocol's prefix) and, with `grantChanged`, the new
 * grant an admin's role change gave the user.
 */
export function onWriteRefused(
  provider: WebsocketProvider,
  refused: (reason: string) => void,
  grantChanged?: (grant: Grant) => void,
) {
  provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
    const kind = decoding.readVarUint(decoder);
    if (kind === AUTH_GRANT_CHANGED) {
      const grant = GrantSchema.safeParse(JSON.parse(decoding.readVarString(decoder)));
      if (grant.success) grantChanged?.(grant.data);
      return;
    }
    if (kind !== AUTH_PERMISSION_DENIED) return;
    const said = decoding.hasContent(decoder) ? decoding.readVarString(decoder) : '';
    refused(said.replace(/^permission-denied:?\s*/, '') || 'permission denied');
  };
}

/** What a link needs from the session: the server, a current token, and whom to tell about refusals. */
export interface LinkOptions {
  readonly serverUrl: string;
  readonly accessToken: () => string;
  /** Called on a 4401 close: refresh the token; true when a new one is available. */
  readonly renewToken: () => Promise<boolean>;
  readonly onRefused: (refusal: Refusal, docId: string) => void;
  /** Called when the server refused an update to a document (see onWriteRefused). */
  readonly onWriteRefused: (ref: DocRef, reason: string) => void;
  /** Called when the server pushed the user's new grant in a workspace (an admin changed it). */
  readonly onGrantChanged: (workspaceId: string, grant: Grant) => void;
}

/**
 * Opens y-websocket providers for replicas against one sync server, with the
 * bearer subprotocol, and turns the server's refusals into something the app
 * acts on: close codes 4401/4403/4404 into a Refusal for the UI, a refused
 * update (the permission-denied message) into `onWriteRefused`.
 */
export class ServerLink {
  private readonly providers = new Set<WebsocketProvider>();
  private online = true;

  constructor(private readonly options: LinkOptions) {}

  private protocols(): string[] {
    return [SYNC_SUBPROTOCOL, `bearer.${this.options.accessToken()}`];
  }

  /** Starts syncing a replica; the provider connects unless the browser is offline. */
  open(replica: DocReplica): WebsocketProvider {
    const { workspaceId, docId } = replica.ref;
    const provider = new WebsocketProvider(
      `${syncSocketBase(this.options.serverUrl)}/${encodeURIComponent(workspaceId)}`,
      docId,
      replica.doc,
      {
        connect: this.online,
        awareness: replica.awareness,
        protocols: this.protocols(),
        disableBc: true,
        maxBackoffTime: 5000,
      },
    );
    replica.serverOrigin = provider;
    onWriteRefused(
      provider,
      (reason) => this.options.onWriteRefused(replica.ref, reason),
      (grant) => this.options.onGrantChanged(workspaceId, grant),
    );
    provider.on('sync', (synced: boolean) => {
      if (synced) replica.serverSynced();
    });
    provider.on('connection-close', () => {
      provider.protocols = this.protocols();
    });
    provider.on(
      'closed',
      ({ code }: { code: number }) => void this.onClosed(provider, code, docId),
    );
    this.providers.add(provider);
    return provider;
  }

  private async onClosed(provider: WebsocketProvider, code: number, docId: string) {
    if (code === 4401) {
      if (await this.options.renewToken()) {
        provider.protocols = this.protocols();
        if (this.online && this.providers.has(provider)) provider.connect();
      } else {
        this.options.onRefused('session-expired', docId);
      }
    } else if (code === 4403 || code === 4404) {
      this.options.onRefused('no-permission', docId);
    }
  }

  /**
   * The server's current state of a document, synced into a fresh empty
   * copy: it has nothing to send, so this never writes.
   */
  async serverState(ref: DocRef): Promise<Uint8Array> {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(
      `${syncSocketBase(this.options.serverUrl)}/${encodeURIComponent(ref.workspaceId)}`,
      ref.docId,
      doc,
      { protocols: this.protocols(), disableBc: true, maxBackoffTime: 2000 },
    );
    provider.awareness.setLocalState(null);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('The server did not answer')),
          SERVER_STATE_TIMEOUT_MS,
        );
        provider.on('sync', (synced: boolean) => {
          if (!synced) return;
          clearTimeout(timer);
          resolve();
        });
      });
      return Y.encodeStateAsUpdate(doc);
    } finally {
      provider.destroy();
      doc.destroy();
    }
  }

  /** Stops a provider (the replica stays). */
  close(provider: WebsocketProvider): void {
    this.providers.delete(provider);
    provider.destroy();
  }

  /** Follows the browser's network state: drops every socket when offline, reconnects when back. */
  setOnline(online: boolean): void {
    this.online = online;
    for (const provider of this.providers) {
      if (online) {
        provider.protocols = this.protocols();
        provider.connect();
      } else provider.disconnect();
    }
  }

  /** Whether sockets may connect now. */
  get isOnline(): boolean {
    return this.online;
  }

  /** Closes every provider. */
  destroy(): void {
    for (const provider of this.providers) provider.destroy();
    this.providers.clear();
  }
}
