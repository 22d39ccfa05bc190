import { defineConfig } from 'drizzle-kit';

// The history index (entries, named versions) lives in its own SQLite file
// (DATA_DIR/history.db), so its migrations are a sequence of their own.
export default defineConfig({
  dialect: 'sqlite',
  schema: ['./src/history/sqlite/schema.ts'],
  out: './drizzle/history',
});
