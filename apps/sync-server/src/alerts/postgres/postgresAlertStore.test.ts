import { afterAll } from 'vitest';
import { createTestDatabase } from '../../postgres/testing';
import { alertStoreContract } from '../alertStore.contract';
import { openPostgresAlertStore } from './postgresAlertStore';

const database = await createTestDatabase();
afterAll(() => database.drop());
const pg = await database.open();

alertStoreContract('postgres', async () => {
  const store = await openPostgresAlertStore(pg);
  await pg.pool.query('truncate alert_rules, alert_matches, alert_firings');
  return { store, cleanup: () => undefined };
});
