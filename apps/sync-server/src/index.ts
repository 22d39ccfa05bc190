export { loadConfig, type Config } from './config';
export { startServer, type RunningServer, type StartOptions } from './server';
export { buildHttpApp, type HttpAppDeps } from './http/app';
export type {
  DocStore,
  DocumentRef,
  DocumentRecord,
  UpdateEntry,
  StoredDoc,
} from './storage/docStore';
export { openSqliteDocStore } from './storage/sqlite/sqliteDocStore';
export {
  authorizeByGrant,
  devAuthHooks,
  type Principal,
  type SyncAuthHooks,
  type SyncMessageKind,
  type SyncTarget,
  type UpgradeInfo,
} from './sync/auth';
export { SYNC_SUBPROTOCOL } from './sync/syncService';
