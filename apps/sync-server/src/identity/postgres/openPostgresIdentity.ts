import { createPostgresAuditStore } from '../../audit/postgres/postgresAuditStore';
import type { AuditStore } from '../../audit/auditStore';
import type { Postgres } from '../../postgres/connection';
import { migratePostgres } from '../../postgres/migrate';
import type { IdentityStore } from '../identityStore';
import { openPostgresIdentityStore } from './postgresIdentityStore';

/**
 * Opens the identity and audit stores on the server's PostgreSQL pool, the
 * shared-mode twin of `openSqliteIdentity` (migrations of the `identity` and
 * `audit` families applied first). `close` leaves the pool to the server.
 */
export async function openPostgresIdentity(pg: Postgres): Promise<{
  store: IdentityStore;
  auditStore: AuditStore;
  close(): void;
}> {
  const store = await openPostgresIdentityStore(pg);
  await migratePostgres(pg, 'audit');
  return { store, auditStore: createPostgresAuditStore(pg.db), close: () => {} };
}
