import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Registry } from 'prom-client';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../log';
import type { TelemetryStore } from '../telemetry/telemetryStore';
import type { AgentEventSink, AgentLink } from '../instruments/agentLink';
import { AGENT_SUBPROTOCOL, presentedKey, type AuthenticateAgentKey } from './agentAuth';
import { AgentConnection } from './agentConnection';
import { CLOSE, type ConnectionContext, type SessionLimits } from './connectionContext';
import { createAgentMetrics, type AgentMetrics } from './agentMetrics';
import { refuseUpgrade } from '../http/upgradeRefusal';

/** What the gateway is built from. */
export interface AgentGatewayOptions {
  store: TelemetryStore;
  authenticateAgentKey: AuthenticateAgentKey;
  log: Logger;
  /** The server's metric registry (a registry of its own when absent). */
  registry?: Registry;
  limits?: Partial<SessionLimits>;
  /** Silence longer than this (no message of any kind) marks the agent OFFLINE and closes it; half of it, STALE. */
  offlineAfterMs?: number;
  /** Where command and run messages go (the instrument services); dropped when absent. */
  events?: AgentEventSink;
  now?: () => number;
}

/** The `/agents` WebSocket endpoint; as an AgentLink it sends commands to connected agents. */
export interface AgentGateway extends AgentLink {
  metrics: AgentMetrics;
  /** Live connections (past authentication). */
  connections: ReadonlySet<AgentConnection>;
  /** Handles an HTTP upgrade; false when the path is not `/agents`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Makes this gateway the upgrade handler of a server with no other WebSocket routes (others get 404). */
  attach(server: Server): void;
  /** Closes the sockets opened with an API key (call when the key is revoked); returns how many. */
  closeKey(tenantId: string, keyId: string): number;
  /** Closes every agent socket (1001) and stops the heartbeat monitor. */
  close(): Promise<void>;
}

const DEFAULT_LIMITS: SessionLimits = {
  maxMessageBytes: 16 * 1024 * 1024,
  maxBatch: 20_000,
  creditWindow: 100_000,
  helloTimeoutMs: 10_000,
};

const isAgentsPath = (url: string | undefined) => /^\/agents\/?(?:[?#]|$)/.test(url ?? '');

/**
 * Creates the agent gateway. One session per connection; one current session
 * per (tenant, agent): a newer sessionEpoch supersedes an older socket, an
 * older one is refused. Storage calls of one agent run one at a time, so
 * deduplication by seq holds across a reconnect racing its old socket.
 */
export function createAgentGateway(options: AgentGatewayOptions): AgentGateway {
  const limits: SessionLimits = { ...DEFAULT_LIMITS, ...options.limits };
  if (limits.creditWindow < limits.maxBatch) limits.creditWindow = limits.maxBatch;
  const now = options.now ?? Date.now;
  const { store, log } = options;
  const metrics = createAgentMetrics(options.registry ?? new Registry());
  const connections = new Set<AgentConnection>();
  const current = new Map<string, AgentConnection>();
  const tails = new Map<string, Promise<unknown>>();
  let closing = false;

  const ctx: ConnectionContext = {
    store,
    metrics,
    log,
    limits,
    now,
    claim(conn) {
      const held = current.get(conn.key);
      if (held && held !== conn && held.state !== 'closed') {
        if (held.sessionEpoch >= conn.sessionEpoch)
          return `Session epoch ${conn.sessionEpoch} is not newer than the connected session's ${held.sessionEpoch}`;
        held.fail(
          'CONFLICT',
          'Superseded by a newer session of this agent',
          undefined,
          CLOSE.superseded,
        );
      }
      current.set(conn.key, conn);
      metrics.sessions.set(current.size);
      return null;
    },
    release(conn) {
      if (current.get(conn.key) !== conn) return false;
      current.delete(conn.key);
      metrics.sessions.set(current.size);
      return true;
    },
    serial(key, fn) {
      const run = (tails.get(key) ?? Promise.resolve()).then(fn, fn);
      const tail = run.catch(() => {});
      tails.set(key, tail);
      void tail.then(() => tails.get(key) === tail && tails.delete(key));
      return run;
    },
    events: options.events ?? { handle: async () => null, ready: async () => {} },
    fresh(conn) {
      if (current.get(conn.key) !== conn) return;
      void ctx
        .serial(conn.key, () =>
          store.setConnection(conn.principal.tenantId, conn.agentId, 'ONLINE', now()),
        )
        .catch((error: unknown) =>
          log.warn({ err: error, agentId: conn.agentId }, 'could not mark agent online'),
        );
    },
  };

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: limits.maxMessageBytes * 2,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(AGENT_SUBPROTOCOL) ? AGENT_SUBPROTOCOL : false),
  });

  function goOffline(conn: AgentConnection): void {
    if (!ctx.release(conn)) return;
    ctx.events.ended?.(conn.session);
    const { tenantId } = conn.principal;
    void ctx
      .serial(conn.key, () => store.setConnection(tenantId, conn.agentId, 'OFFLINE', now()))
      .catch((error: unknown) =>
        log.warn({ err: error, agentId: conn.agentId }, 'could not mark agent offline'),
      );
  }

  function bind(ws: WebSocket, conn: AgentConnection): void {
    connections.add(conn);
    ws.on('message', (data: Buffer) => conn.receive(data));
    ws.on('error', (error: Error & { code?: string }) => {
      metrics.errors.inc({ code: error.code ?? 'SOCKET_ERROR' });
      log.warn({ agentId: conn.agentId, code: error.code }, 'agent socket error');
    });
    ws.on('close', () => {
      conn.closed();
      connections.delete(conn);
      goOffline(conn);
    });
  }

  const offlineAfterMs = options.offlineAfterMs ?? 30_000;
  const monitor = setInterval(
    () => {
      const limit = now() - offlineAfterMs;
      const staleLimit = now() - offlineAfterMs / 2;
      for (const conn of connections) {
        if (conn.state === 'ready' && !conn.stale && conn.lastMessageAt < staleLimit) {
          conn.stale = true;
          const { tenantId } = conn.principal;
          void ctx
            .serial(conn.key, () => store.setConnection(tenantId, conn.agentId, 'STALE', now()))
            .catch((error: unknown) =>
              log.warn({ err: error, agentId: conn.agentId }, 'could not mark agent stale'),
            );
        }
        if (conn.state === 'ready' && conn.lastMessageAt < limit) {
          conn.fail(
            'AGENT_TIMEOUT',
            `No message for ${offlineAfterMs} ms: marked OFFLINE`,
            undefined,
            CLOSE.timeout,
          );
          goOffline(conn);
        }
      }
    },
    Math.max(10, Math.floor(offlineAfterMs / 4)),
  );
  monitor.unref();

  const gateway: AgentGateway = {
    metrics,
    connections,
    handleUpgrade(req, socket, head) {
      if (!isAgentsPath(req.url)) return false;
      if (closing) {
        refuseUpgrade(socket, 503, 'Service Unavailable');
        return true;
      }
      socket.on('error', () => socket.destroy());
      const key = presentedKey(req);
      void (async () => {
        const principal = key
          ? await options.authenticateAgentKey(key).catch((error: unknown) => {
              log.error({ err: error }, 'agent authentication failed');
              return undefined;
            })
          : null;
        if (principal === undefined) return refuseUpgrade(socket, 500, 'Internal Server Error');
        if (!principal) {
          metrics.errors.inc({ code: 'AUTH_TOKEN_INVALID' });
          return refuseUpgrade(socket, 401, 'Unauthorized');
        }
        if (socket.destroyed || closing) return socket.destroy();
        wss.handleUpgrade(req, socket, head, (ws) =>
          bind(ws, new AgentConnection(ws, principal, ctx)),
        );
      })();
      return true;
    },
    attach(server) {
      server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        if (!gateway.handleUpgrade(req, socket, head)) refuseUpgrade(socket, 404, 'Not Found');
      });
    },
    send(tenantId, agentId, message) {
      const conn = current.get(`${tenantId}\u0000${agentId}`);
      if (!conn || conn.state !== 'ready') return false;
      conn.send(message);
      return true;
    },
    closeKey(tenantId, keyId) {
      let n = 0;
      for (const conn of connections) {
        if (conn.principal.tenantId !== tenantId || conn.principal.keyId !== keyId) continue;
        conn.fail('AUTH_TOKEN_INVALID', 'The API key of this agent was revoked', undefined, 4401);
        n++;
      }
      return n;
    },
    async close() {
      closing = true;
      clearInterval(monitor);
      for (const conn of connections) {
        conn.closed();
        goOffline(conn);
        conn.ws.close(1001, 'server shutting down');
      }
      await Promise.all([...tails.values()]);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  return gateway;
}
