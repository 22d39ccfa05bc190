import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, PostgresUnavailableError, redactUrl } from './connection';
import { createTestDatabase, type TestDatabase } from './testing';

describe('postgres connection', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('opens a pool on a fresh database that answers queries', async () => {
    const pg = await database.open();
    const { rows } = await pg.pool.query<{ db: string }>('select current_database() as db');
    expect(database.url.endsWith(`/${rows[0]!.db}`)).toBe(true);
  });

  it('refuses an unreachable server with a coded error that hides the password', async () => {
    const url = 'postgres://fieldbook:secret@127.0.0.1:1/none';
    const err = await openPostgres({ url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostgresUnavailableError);
    expect((err as PostgresUnavailableError).code).toBe('POSTGRES_UNAVAILABLE');
    expect((err as Error).message).toContain('fieldbook:***@127.0.0.1:1');
    expect((err as Error).message).not.toContain('secret');
    expect(redactUrl('not a url')).toBe('<invalid DATABASE_URL>');
  });
});
