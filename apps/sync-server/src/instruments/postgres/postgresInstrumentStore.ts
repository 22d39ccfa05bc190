import type { Postgres } from '../../postgres/connection';
import { migratePostgres } from '../../postgres/migrate';
import type { InstrumentStore } from '../instrumentStore';
import { postgresCommandMethods } from './postgresCommands';
import { postgresRunMethods } from './postgresRuns';

/**
 * Migrates the command and run tables on `pg` and opens the instrument store
 * on them; several nodes may share it. `close` leaves the shared pool open.
 */
export async function openPostgresInstrumentStore(pg: Postgres): Promise<InstrumentStore> {
  await migratePostgres(pg, 'instruments');
  return {
    ...postgresCommandMethods(pg.db),
    ...postgresRunMethods(pg.db),
    async close() {},
  };
}
