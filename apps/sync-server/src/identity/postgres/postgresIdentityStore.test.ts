import { afterAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../postgres/testing';
import type { IdentityStoreFactory } from '../identityStore.contract';
import { runIdentityStoreContract } from '../identityStore.contract';
import { runPasswordStoreContract } from '../passwordStore.contract';
import { openPostgresIdentityStore } from './postgresIdentityStore';

const databases: TestDatabase[] = [];
afterAll(() => Promise.all(databases.map((d) => d.drop())));

/** A fresh database per store, as the SQLite suite gets a fresh file: pruning counts every row. */
const postgres: IdentityStoreFactory = {
  async open() {
    const database = await createTestDatabase();
    databases.push(database);
    const store = await openPostgresIdentityStore(await database.open());
    return { store, async close() {} };
  },
};

runIdentityStoreContract('postgres', postgres);
runPasswordStoreContract('postgres', postgres);
