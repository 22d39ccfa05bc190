import type { Hono } from 'hono';
import { createApi, type ApiRouter } from '../api/app';
import type { WorkspaceFileDeps } from '../api/routes/workspaceFiles';
import { auditSetup } from '../audit/auditSetup';
import { auditedDocStore } from '../audit/auditedDocStore';
import type { AuditConfig } from '../config/auditConfig';
import type { Actor } from '../audit/types';
import type { Logger } from '../log';
import type { DocStore } from '../storage/docStore';
import type { SyncAuthHooks } from '../sync/auth';
import type { SyncService } from '../sync/syncService';
import type { RefusedWrite } from '../sync/writeGate';
import { encodeGrantChanged } from '../sync/protocol';
import { LoggingMailer } from './mailer';
import { createIdentity, type Identity, type IdentityOptions } from './identity';
import { watchSocketAccess } from './socketAccess';
import { openSqliteIdentity } from './sqlite/openSqliteIdentity';
import type { Postgres } from '../postgres/connection';
import { createIdentitySyncHooks, isIdentitySocketPrincipal } from './syncHooks';
import type { CheckOptions } from '@fieldbook/crdt-model';
import type { Principal as SocketPrincipal } from '../sync/auth';

/** Largest `.fieldbook` upload `POST /workspaces/:ws/import` accepts. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/** Signs development tokens when FIELDBOOK_SECRET is unset; development mode only (loopback). */
export const DEV_SECRET = 'fieldbook-development-secret-not-for-production';

/** Lifetimes and limits a server may override (tests shorten them). */
export type IdentityTuning = Partial<Pick<IdentityOptions, 'settings' | 'rateLimits' | 'shared'>>;

export interface ServerIdentityOptions {
  /** The server's SQLite file. */
  file: string;
  /** Shared mode: the stores live in PostgreSQL instead of `file`. */
  postgres?: Postgres | null;
  durability: 'normal' | 'power';
  /** FIELDBOOK_SECRET, or DEV_SECRET in development mode. */
  secret: string;
  /** Whether sync sockets authenticate through identity (false: the development hooks). */
  enforceOnSockets: boolean;
  log: Logger;
  /** The document store the sync service will use. */
  docStore: DocStore;
  /** Audit keys and checkpoint publication (AUDIT_* settings). */
  audit?: AuditConfig;
  tuning?: IdentityTuning;
}

/** The identity layer as the server wires it in. */
export interface ServerIdentity {
  identity: Identity;
  /** Socket hooks, when sockets are authenticated through identity. */
  hooks: SyncAuthHooks | null;
  /** The document store to give the sync service: with identity on sockets, creation and edits are audited. */
  store: DocStore;
  /** What the workspace-file routes need from identity and sync: the audited store, reloads, importer names. */
  workspaceFileHooks: Pick<
    WorkspaceFileDeps,
    'store' | 'reloadLoaded' | 'rememberActor' | 'maxImportBytes'
  >;
  /** The audit actor behind a sync socket's principal id (who sent an update). */
  actorOf(principalId: string): Actor;
  /** Mounts the REST API at `/api/v1` with extra routers (before the server serves its first request). */
  mount(app: Hono, routers?: ApiRouter[]): void;
  /** Keeps the sync service's open sockets in step with role changes and revocations. */
  watch(sync: SyncService): void;
  /** Audits an update the sync server refused ("refused write"), in the background. */
  recordRefusedWrite(write: RefusedWrite): void;
  /**
   * What the update check needs for a socket's sender: when its workspace asks approvers
   * for their password, the test of the signing token in an approval record.
   */
  checkOptions(principal: SocketPrincipal): CheckOptions;
  /** Flushes audit batches and closes the identity database. */
  close(): Promise<void>;
}

/**
 * Opens the identity stores on the server's database (SQLite, or PostgreSQL in
 * shared mode) and builds the pieces the
 * server plugs in; seals audit chains from before audit keys and checkpoints
 * every chain head before it returns.
 */
export async function openServerIdentity(options: ServerIdentityOptions): Promise<ServerIdentity> {
  const { log } = options;
  const stores = options.postgres
    ? await (await import('./postgres/openPostgresIdentity')).openPostgresIdentity(options.postgres)
    : openSqliteIdentity({ file: options.file, durability: options.durability });
  const onBackgroundError = (err: unknown) =>
    log.error({ err }, 'identity background write failed');
  const audit = auditSetup(options.secret, options.audit);
  log.info(
    {
      keyIds: audit.keys.ids(),
      checkpointKey: audit.signer.publicKey.keyId,
      checkpointPublicKey: audit.signer.publicKey.jwk.x,
      checkpointFile: audit.checkpoints.file ?? null,
      tsa: audit.checkpoints.tsa?.url ?? null,
    },
    'audit keys',
  );
  if (audit.derived.length > 0) {
    log.warn(
      { derived: audit.derived },
      options.secret === DEV_SECRET
        ? 'audit keys derived from the development secret: anyone can recompute them; development only'
        : 'audit keys derived from FIELDBOOK_SECRET: set AUDIT_KEYS (or AUDIT_KEY_FILE) and AUDIT_SIGNING_KEY_FILE to keep them apart from it',
    );
  }
  const identity = createIdentity({
    store: stores.store,
    auditStore: stores.auditStore,
    secret: options.secret,
    audit,
    onBackgroundError,
    mailer: new LoggingMailer((mail) =>
      log.info(mail, 'no mail transport: the administrator passes the link on'),
    ),
    ...options.tuning,
  });
  const docStore = options.docStore;
  const hooks = options.enforceOnSockets
    ? createIdentitySyncHooks(identity, {
        documentExists: async (key) => (await docStore.logStats(key)).lastSeq > 0,
      })
    : null;
  let sync: SyncService | null = null;
  let unwatch = () => {};
  const { sealed } = await identity.start();
  if (sealed > 0) log.info({ tenants: sealed }, 'sealed audit chains written before audit keys');
  const store = hooks
    ? auditedDocStore(docStore, {
        audit: identity.audit,
        edits: identity.edits,
        actorOf: (id) => hooks.actors.actorOf(id),
        docOf: (key) => sync?.registry.get(key)?.doc ?? null,
        onError: onBackgroundError,
      })
    : docStore;
  return {
    identity,
    hooks,
    store,
    workspaceFileHooks: {
      store,
      reloadLoaded: (key) =>
        sync?.registry.get(key)?.close(1012, 'document changed by an import, resync'),
      rememberActor: (id, actor) => hooks?.actors.remember(id, actor),
      maxImportBytes: MAX_IMPORT_BYTES,
    },
    actorOf: (id) => hooks?.actors.actorOf(id) ?? { type: 'user', id, label: null },
    mount(app, routers) {
      app.route(
        '/api/v1',
        createApi(identity, {
          log,
          routers: routers ?? [],
          report: (err, requestId) => log.error({ err, requestId }, 'request failed'),
        }),
      );
    },
    checkOptions(principal) {
      if (!isIdentitySocketPrincipal(principal) || !principal.approvalsNeedPassword) return {};
      return {
        signingToken: (token) => identity.signing.verify(token, principal.id, principal.tenantId),
      };
    },
    recordRefusedWrite(write) {
      if (!hooks) return;
      identity.audit
        .record(write.principal.tenantId, {
          actor: hooks.actors.actorOf(write.principal.id),
          action: 'sync.refusedWrite',
          outcome: 'failure',
          resource: { type: 'document', id: write.target.docId },
          workspaceId: write.target.workspaceId,
          summary: {
            refused: write.refused.map((c) =>
              c.problem ? `${c.what}: ${c.problem}` : `${c.what}: needs ${c.action}`,
            ),
            suppressedBefore: write.suppressed,
          },
        })
        .catch(onBackgroundError);
    },
    watch(service) {
      sync = service;
      if (hooks)
        unwatch = watchSocketAccess(identity, service.connections, {
          onError: onBackgroundError,
          onGrantChanged: (conn, grant) => conn.send(encodeGrantChanged(grant)),
        });
    },
    async close() {
      unwatch();
      await identity.stop();
      stores.close();
    },
  };
}
