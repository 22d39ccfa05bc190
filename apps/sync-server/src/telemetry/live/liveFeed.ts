import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  FieldbookError,
  IdSchema,
  LiveClientMessageSchema,
  MAX_LIVE_CHANNELS,
  can,
  isFieldbookError,
  type LiveClientMessage,
  type LiveServerMessage,
} from '@fieldbook/shared';
import type { Identity } from '../../identity/identity';
import type { Principal } from '../../identity/principal';
import { watchSocketAccess, type WatchedSocket } from '../../identity/socketAccess';
import type { IdentitySocketPrincipal } from '../../identity/syncHooks';
import type { Logger } from '../../log';
import type { InstrumentEvents } from '../../instruments/instrumentEvents';
import type { LiveBus, LiveSamples } from '../liveBus';
import type { TelemetryStore } from '../telemetryStore';
import { DropOldestQueue } from './liveQueue';
import { closeCodeFor, refuseUpgrade } from '../../http/upgradeRefusal';

/** The subprotocol the server answers; clients offer it beside `bearer.<token>`. */
export const LIVE_SUBPROTOCOL = 'fieldbook.v1';
const ROUTE = /^\/telemetry\/([^/?#]+)\/live\/?(?:[?#]|$)/;
/** Above this many bytes waiting in the socket, messages wait in the (bounded) queue instead. */
const HIGH_WATER_BYTES = 1 << 20;

export interface LiveFeedOptions {
  identity: Identity;
  telemetry: TelemetryStore;
  bus: LiveBus;
  /** Instrument status, command and run changes, sent to every viewer of their workspace unasked. */
  instrumentEvents?: InstrumentEvents;
  log: Logger;
  /** Messages one viewer may have waiting before the oldest are dropped (default 256). */
  queueCapacity?: number;
}

/** The live telemetry socket for viewers at `/telemetry/:workspaceId/live`. */
export interface LiveFeed {
  /** Takes the upgrade when the path is the live feed's; false otherwise. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Open viewer sockets (for metrics and tests). */
  readonly viewers: ReadonlySet<WatchedSocket>;
  close(): Promise<void>;
}

/** The bearer subprotocol's token or the `ticket` query parameter of an upgrade. Never logged. */
function credentials(req: IncomingMessage): { bearer?: string; ticket?: string } {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const bearer = offered.find((p) => p.startsWith('bearer.'))?.slice('bearer.'.length);
  const query = req.url?.includes('?') ? new URL(req.url, 'http://localhost').searchParams : null;
  return { bearer, ticket: query?.get('ticket') ?? undefined };
}

/**
 * Creates the live feed: a viewer authenticates like on the sync socket, must
 * hold `telemetry.read` in the workspace, sends `{type:'subscribe',channels}`
 * with channel ids of its tenant in that workspace (or tenant-wide), and gets
 * every batch of those channels as the store makes it durable. Each viewer
 * has a bounded queue: a slow one loses its oldest messages, never the
 * server's memory, and is told how many in `dropped`. Role changes and
 * revocations reach open feeds as on sync sockets.
 */
export function createLiveFeed(options: LiveFeedOptions): LiveFeed {
  const { identity, telemetry, bus, log } = options;
  const capacity = options.queueCapacity ?? 256;
  const viewers = new Set<WatchedSocket>();
  const unwatch = watchSocketAccess(identity, viewers);
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: 64 * 1024,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(LIVE_SUBPROTOCOL) ? LIVE_SUBPROTOCOL : false),
  });
  let closing = false;

  async function authenticate(req: IncomingMessage, workspaceId: string) {
    const { bearer, ticket } = credentials(req);
    let principal: Principal;
    if (bearer) principal = await identity.authenticate(bearer);
    else if (ticket) principal = await identity.tickets.redeem(ticket, workspaceId);
    else
      throw new FieldbookError('AUTH_REQUIRED', 'Offer a bearer.<token> subprotocol or a ticket');
    const limited = identity.limiter.consume([
      principal.kind === 'user' ? ['user', principal.userId] : ['apiKey', principal.key.id],
      ['tenant', principal.tenantId],
    ]);
    if (limited) await limited;
    const access = await identity.access.require(principal, workspaceId, 'telemetry.read');
    const socketPrincipal: IdentitySocketPrincipal = {
      id: principal.kind === 'user' ? principal.userId : principal.key.id,
      tenantId: principal.tenantId,
      grant: access.grant,
      identity: principal,
      workspaceId,
      expiresAt: principal.expiresAt,
      approvalsNeedPassword: access.workspace.approvalsNeedPassword,
    };
    return socketPrincipal;
  }

  function bind(ws: WebSocket, principal: IdentitySocketPrincipal): void {
    const queue = new DropOldestQueue<LiveSamples>(capacity);
    const subscriptions = new Map<string, () => void>();
    let retry: NodeJS.Timeout | null = null;
    const viewer: WatchedSocket = {
      principal,
      target: { workspaceId: principal.workspaceId, docId: '' },
      closed: false,
      close: (code, reason) => ws.close(code, reason),
    };
    viewers.add(viewer);
    const send = (message: LiveServerMessage) => ws.send(JSON.stringify(message));

    const pump = () => {
      retry = null;
      while (queue.length > 0 && ws.bufferedAmount < HIGH_WATER_BYTES) {
        const { item, droppedBefore } = queue.take()!;
        send({
          type: 'samples',
          channelId: item.channelId,
          t: Array.from(item.times),
          v: Array.from(item.values),
          dropped: droppedBefore,
        });
      }
      if (queue.length > 0 && !viewer.closed) retry = setTimeout(pump, 10);
    };
    const onSamples = (event: LiveSamples) => {
      if (viewer.closed || !can(principal.grant, 'telemetry.read')) return;
      queue.push(event);
      if (!retry) pump();
    };

    const subscribe = async (wanted: string[]) => {
      const visible = new Set(
        (await telemetry.listChannels(principal.tenantId))
          .filter((c) => c.workspaceId === principal.workspaceId || c.workspaceId === null)
          .map((c) => c.id),
      );
      if (viewer.closed) return;
      const accepted = [...new Set(wanted)].filter((id) => visible.has(id));
      for (const [id, stop] of subscriptions) {
        if (accepted.includes(id)) continue;
        stop();
        subscriptions.delete(id);
      }
      for (const id of accepted)
        if (!subscriptions.has(id))
          subscriptions.set(id, bus.subscribeSamples(principal.tenantId, id, onSamples));
      send({
        type: 'subscribed',
        channels: accepted,
        refused: wanted.filter((id) => !visible.has(id)),
      });
    };

    ws.on('message', (data: Buffer, isBinary: boolean) => {
      let parsed: LiveClientMessage;
      try {
        if (isBinary) throw new Error('binary');
        parsed = LiveClientMessageSchema.parse(JSON.parse(data.toString('utf8')));
      } catch {
        return send({
          type: 'error',
          code: 'VALIDATION_ERROR',
          message: `expected {"type":"subscribe","channels":[up to ${MAX_LIVE_CHANNELS} channel ids]}`,
        });
      }
      subscribe(parsed.channels).catch((err: unknown) => {
        log.error({ err }, 'live subscribe failed');
        ws.close(1011, 'internal error');
      });
    });
    const unfollow = options.instrumentEvents?.subscribe(principal.tenantId, (event) => {
      const here = event.workspaceId === principal.workspaceId || event.workspaceId === null;
      if (here && !viewer.closed && can(principal.grant, 'instrument.read')) send(event.message);
    });
    ws.on('error', () => {});
    ws.on('close', () => {
      unfollow?.();
      viewer.closed = true;
      viewers.delete(viewer);
      if (retry) clearTimeout(retry);
      for (const stop of subscriptions.values()) stop();
      subscriptions.clear();
    });
    send({ type: 'ready', workspaceId: principal.workspaceId });
  }

  return {
    viewers,
    handleUpgrade(req, socket, head) {
      const match = ROUTE.exec(req.url ?? '');
      if (!match) return false;
      if (closing) {
        refuseUpgrade(socket, 503, 'Service Unavailable');
        return true;
      }
      const workspaceId = decodeURIComponent(match[1]!);
      if (!IdSchema.safeParse(workspaceId).success) {
        refuseUpgrade(socket, 400, 'Bad Request');
        return true;
      }
      socket.on('error', () => socket.destroy());
      void (async () => {
        let principal: IdentitySocketPrincipal | FieldbookError;
        try {
          principal = await authenticate(req, workspaceId);
        } catch (error) {
          if (!isFieldbookError(error)) {
            log.error({ err: error }, 'live feed authentication failed');
            return refuseUpgrade(socket, 500, 'Internal Server Error');
          }
          principal = error;
        }
        if (socket.destroyed || closing) return socket.destroy();
        wss.handleUpgrade(req, socket, head, (ws) => {
          if (isFieldbookError(principal)) {
            ws.on('error', () => {});
            return ws.close(closeCodeFor(principal), principal.message.slice(0, 120));
          }
          bind(ws, principal);
        });
      })();
      return true;
    },
    async close() {
      closing = true;
      unwatch();
      for (const v of viewers) v.close(1001, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
