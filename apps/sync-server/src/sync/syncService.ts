import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { FieldbookError, IdSchema, isFieldbookError } from '@fieldbook/shared';
import type { DocBus } from '../cluster/docBus';
import type { Logger } from '../log';
import type { SyncMetrics } from '../metrics';
import type * as Y from 'yjs';
import type { DocStore, DocumentRef } from '../storage/docStore';
import type { Principal, SyncAuthHooks, SyncTarget, UpgradeInfo } from './auth';
import { SyncConnection } from './connection';
import { GroupCommitter, type GroupCommitWindow } from './groupCommit';
import { HubRegistry } from './hubRegistry';
import { closeCodeFor, refuseUpgrade } from '../http/upgradeRefusal';
import type { WriteGateContext } from './writeGate';

/** Unsent bytes a socket may hold unless SOCKET_SEND_CAP_BYTES says otherwise. */
export const DEFAULT_SEND_CAP_BYTES = 4 * 1024 * 1024;

/** The subprotocol Fieldbook clients offer and the server answers. */
export const SYNC_SUBPROTOCOL = 'fieldbook.v1';
const ROUTE = /^\/sync\/([^/?#]+)\/([^/?#]+)(?:[?#]|$)/;

/** What the sync service needs from the server around it. */
export interface SyncServiceOptions {
  store: DocStore;
  hooks: SyncAuthHooks;
  metrics: SyncMetrics;
  log: Logger;
  maxMessageBytes: number;
  keepAliveMs: number;
  idleUnloadMs: number;
  compactMaxUpdates: number;
  compactMaxBytes: number;
  /** When group commits start (default: every event-loop turn). */
  groupCommit?: GroupCommitWindow;
  /** Unsent bytes one socket may hold before it is closed with 4413 (default 4 MiB). */
  sendCapBytes?: number;
  /** Document-level authorization of updates (default on); see WriteGate. */
  writeChecks?: boolean;
  /** Records a refused write in the audit trail. */
  onRefusedWrite?: WriteGateContext['onRefused'];
  /** Per-sender options of the update check (approval signing tokens). */
  checkOptions?: WriteGateContext['checkOptions'];
  /** Relays updates and awareness to the other nodes (REDIS_URL); none by default. */
  cluster?: DocBus | null;
}

/** The WebSocket half of the server: upgrades, sockets, hubs, keep-alive, shutdown. */
export interface SyncService {
  registry: HubRegistry;
  connections: ReadonlySet<SyncConnection>;
  /** Handles an HTTP upgrade; returns false when the path is not a sync route. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /**
   * Applies a change the server makes on someone's account (restore, merge,
   * a branch's index entry) through the document's hub, as `by.actor` from
   * `by.client`: stored, relayed live to open sockets, merged by offline
   * clients later like any edit. Resolves with its seq, or null when it
   * changed nothing. The caller has authorized it.
   */
  change(
    ref: DocumentRef,
    by: { actor: string; client: string },
    change: (doc: Y.Doc) => void,
  ): Promise<number | null>;
  /** Stops accepting, makes pending updates durable, closes every socket with 1001. */
  close(): Promise<void>;
}

function upgradeInfo(req: IncomingMessage, target: SyncTarget): UpgradeInfo {
  const offered = (req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const bearer = offered.find((p) => p.startsWith('bearer.'));
  const query = req.url?.includes('?') ? new URL(req.url, 'http://localhost').searchParams : null;
  return {
    ...target,
    bearerToken: bearer?.slice('bearer.'.length),
    ticket: query?.get('ticket') ?? undefined,
    subprotocols: offered,
    headers: req.headers,
    remoteAddress: req.socket.remoteAddress,
  };
}

/** Creates the sync service; attach `handleUpgrade` to the HTTP server's `upgrade` event. */
export function createSyncService(options: SyncServiceOptions): SyncService {
  const { metrics, log, hooks } = options;
  const committer = new GroupCommitter(options.store, metrics, log, options.groupCommit);
  const registry = new HubRegistry(
    {
      ...options,
      committer,
      authorize: hooks.authorize.bind(hooks),
      cluster: options.cluster ?? null,
      compaction: { maxUpdates: options.compactMaxUpdates, maxBytes: options.compactMaxBytes },
      writeChecks:
        options.writeChecks === false
          ? null
          : {
              metrics,
              log,
              onRefused: options.onRefusedWrite,
              checkOptions: options.checkOptions,
            },
    },
    { idleUnloadMs: options.idleUnloadMs },
  );
  const connections = new Set<SyncConnection>();
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: options.maxMessageBytes,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(SYNC_SUBPROTOCOL) ? SYNC_SUBPROTOCOL : false),
  });
  let closing = false;

  const keepAlive = setInterval(() => {
    for (const conn of connections) {
      if (!conn.alive) {
        metrics.errors.inc({ code: 'KEEPALIVE_TIMEOUT' });
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, options.keepAliveMs);
  keepAlive.unref();

  function bind(ws: WebSocket, socket: Duplex, principal: Principal, target: SyncTarget): void {
    const conn = new SyncConnection(ws, socket, principal, target, metrics.traffic, {
      capBytes: options.sendCapBytes ?? DEFAULT_SEND_CAP_BYTES,
      onOverflow: () => {
        metrics.sendOverflows.inc();
        log.warn({ conn: conn.id, docId: target.docId }, 'socket over its send cap: closed');
      },
    });
    connections.add(conn);
    metrics.connections.set(connections.size);
    const hub = registry.attach(conn);
    log.debug({ conn: conn.id, docId: target.docId, principal: principal.id }, 'socket opened');
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      conn.alive = true;
      if (!isBinary) {
        metrics.errors.inc({ code: 'PROTOCOL_ERROR' });
        conn.close(1003, 'text frames are not part of the protocol');
        return hub.detach(conn);
      }
      // A copy with its own exact-size buffer: no decoder can read past the frame.
      hub.receive(conn, new Uint8Array(data));
    });
    ws.on('pong', () => (conn.alive = true));
    ws.on('error', (error: Error & { code?: string }) => {
      metrics.errors.inc({ code: error.code ?? 'SOCKET_ERROR' });
      log.warn({ conn: conn.id, docId: target.docId, code: error.code }, 'socket error');
    });
    ws.on('close', (code: number) => {
      log.debug({ conn: conn.id, docId: target.docId, code }, 'socket closed');
      conn.closed = true;
      connections.delete(conn);
      metrics.connections.set(connections.size);
      hub.detach(conn);
    });
  }

  return {
    registry,
    connections,
    handleUpgrade(req, socket, head) {
      const match = ROUTE.exec(req.url ?? '');
      if (!match) return false;
      if (closing) {
        refuseUpgrade(socket, 503, 'Service Unavailable');
        return true;
      }
      const workspaceId = decodeURIComponent(match[1]!);
      const docId = decodeURIComponent(match[2]!);
      if (!IdSchema.safeParse(workspaceId).success || !IdSchema.safeParse(docId).success) {
        metrics.errors.inc({ code: 'VALIDATION_ERROR' });
        refuseUpgrade(socket, 400, 'Bad Request');
        return true;
      }
      const target = { workspaceId, docId };
      socket.on('error', () => socket.destroy());
      void (async () => {
        let principal: Principal | FieldbookError;
        try {
          principal = await hooks.authenticate(upgradeInfo(req, target));
        } catch (error) {
          log.error({ err: error }, 'authentication hook failed');
          metrics.errors.inc({ code: 'INTERNAL_ERROR' });
          return refuseUpgrade(socket, 500, 'Internal Server Error');
        }
        if (socket.destroyed || closing) return socket.destroy();
        wss.handleUpgrade(req, socket, head, (ws) => {
          if (isFieldbookError(principal)) {
            metrics.errors.inc({ code: principal.code });
            ws.on('error', () => {});
            return ws.close(closeCodeFor(principal), principal.message.slice(0, 120));
          }
          bind(ws, socket, principal, target);
        });
      })();
      return true;
    },
    async change(ref, by, change) {
      if (closing) throw new FieldbookError('SERVICE_UNAVAILABLE', 'The server is shutting down');
      const hub = await registry.open(ref, by.actor);
      return hub.serverChange(by.actor, by.client, change);
    },
    async close() {
      closing = true;
      clearInterval(keepAlive);
      await committer.drain();
      registry.closeAll(1001, 'server shutting down');
      for (const conn of connections) conn.close(1001, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
