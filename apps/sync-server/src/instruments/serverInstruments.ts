import { join } from 'node:path';
import type { Config } from '../config';
import type { Identity } from '../identity/identity';
import type { Logger } from '../log';
import type { Postgres } from '../postgres/connection';
import type { LiveBus } from '../telemetry/liveBus';
import type { TelemetryStore } from '../telemetry/telemetryStore';
import { AgentLinks, type AgentEventSink, type CommandRelay } from './agentLink';
import { AuditBatch } from './auditBatch';
import { CommandLedger } from './commandLedger';
import { CommandReports } from './commandReports';
import { CommandService } from './commandService';
import { InstrumentEvents } from './instrumentEvents';
import type { InstrumentStore } from './instrumentStore';
import { RunService } from './runService';
import { openSqliteInstrumentStore } from './sqlite/sqliteInstrumentStore';

/** Commands, runs and instrument events as the server wires them in. */
export interface ServerInstruments {
  store: InstrumentStore;
  commands: CommandService;
  reports: CommandReports;
  runs: RunService;
  events: InstrumentEvents;
  /** Where agent transports (gateway, MQTT bridge) register to carry commands out. */
  links: AgentLinks;
  /** What agent transports hand command and run messages to. */
  sink: AgentEventSink;
  /** Sends commands for agents connected to other nodes through `relay` (and takes theirs). */
  shareCommands(relay: CommandRelay): void;
  /** Expires one round of overdue commands now (the server also does it every `expiryCheckMs`). */
  expireDue(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Opens the instrument store (on `postgres` when given, migrated first; else
 * in telemetry.db beside the instrument registry, away from the document
 * log's write lock) and builds the command and run
 * services on it; instrument status changes from the telemetry bus become
 * live-feed events too (on every node that follows the tenant, so they are
 * delivered here only, not relayed). Overdue commands expire every `expiryCheckMs`.
 */
export async function openServerInstruments(options: {
  config: Pick<Config, 'dataDir' | 'durability'>;
  identity: Identity;
  telemetry: TelemetryStore;
  bus: LiveBus;
  log: Logger;
  expiryCheckMs?: number;
  now?: () => number;
  /** The shared database; null or absent: SQLite in DATA_DIR. */
  postgres?: Postgres | null;
}): Promise<ServerInstruments> {
  const { identity, telemetry, bus, log } = options;
  const now = options.now ?? Date.now;
  const store = options.postgres
    ? await (
        await import('./postgres/postgresInstrumentStore')
      ).openPostgresInstrumentStore(options.postgres)
    : openSqliteInstrumentStore({
        file: join(options.config.dataDir, 'telemetry.db'),
        durability: options.config.durability,
      });
  const events: InstrumentEvents = new InstrumentEvents({
    onListenerError: (err) => log.warn({ err }, 'instrument event listener failed'),
    follow: (tenantId) =>
      bus.subscribeStatus(tenantId, (status) => {
        if (status.kind === 'gap') return;
        void telemetry.listInstruments(tenantId).then((all) => {
          for (const i of all) {
            if (i.agentId !== status.agentId) continue;
            if (status.instrumentKey !== undefined && i.key !== status.instrumentKey) continue;
            const { id, workspaceId, connection, state, alarms, lastSeenAt } = i;
            events.deliver({
              tenantId,
              workspaceId,
              message: {
                type: 'instrument',
                instrument: { id, workspaceId, connection, state, alarms, lastSeenAt },
              },
            });
          }
        });
      }),
  });
  const links = new AgentLinks();
  const audit = new AuditBatch(identity.audit, log);
  const ledger = new CommandLedger({ store, audit, link: links, events, now });
  const reports = new CommandReports(ledger);
  const runs = new RunService({ store, telemetry, audit, identity, events, now });
  const sink: AgentEventSink = {
    handle: (session, m) =>
      m.type === 'run.started' || m.type === 'run.finished'
        ? runs.handle(session, m)
        : reports.handle(session, m),
    // Subscribed to relayed commands before the ledger is read: a command stored
    // after that read was published after the subscription, so it arrives.
    ready: async (session) => {
      await links.opened(session);
      await reports.ready(session);
    },
    ended: (session) => links.closed(session),
  };
  let sweeping: Promise<number> | null = null;
  const expireDue = () =>
    (sweeping ??= reports.expireDue().finally(() => {
      sweeping = null;
    }));
  const timer = setInterval(() => {
    expireDue().catch((err: unknown) => log.error({ err }, 'command expiry failed'));
  }, options.expiryCheckMs ?? 1000);
  timer.unref();
  return {
    store,
    commands: new CommandService(ledger, identity),
    reports,
    runs,
    events,
    links,
    sink,
    shareCommands(relay) {
      links.share(relay, (session) => {
        reports.ready(session).catch((err: unknown) => {
          log.warn({ err, agentId: session.agentId }, 'could not resend open commands');
        });
      });
    },
    expireDue,
    async close() {
      clearInterval(timer);
      await sweeping?.catch(() => 0);
      await audit.flush();
      await store.close();
    },
  };
}
