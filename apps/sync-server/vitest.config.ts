import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@fieldbook/sync-server',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // .ci/run exports DATABASE_URL for the PostgreSQL tests (createTestDatabase reads it from
    // FIELDBOOK_TEST_DATABASE_URL); servers the tests start stay on SQLite unless a test asks.
    env: { FIELDBOOK_TEST_DATABASE_URL: process.env.DATABASE_URL ?? '', DATABASE_URL: '' },
  },
});
