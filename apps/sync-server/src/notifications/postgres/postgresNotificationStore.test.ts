import { afterAll } from 'vitest';
import { createTestDatabase } from '../../postgres/testing';
import { notificationStoreContract } from '../notificationStore.contract';
import { openPostgresNotificationStore } from './postgresNotificationStore';

const database = await createTestDatabase();
afterAll(() => database.drop());
const pg = await database.open();

notificationStoreContract('postgres', async () => {
  const store = await openPostgresNotificationStore(pg);
  await pg.pool.query('truncate notifications');
  return { store, cleanup: () => undefined };
});
