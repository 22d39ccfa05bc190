import { defineConfig } from 'drizzle-kit';

// The blob index lives in its own SQLite file (DATA_DIR/blobs/index.db), so its
// migrations are a sequence of their own.
export default defineConfig({
  dialect: 'sqlite',
  schema: ['./src/blobs/sqlite/schema.ts'],
  out: './drizzle/blobs',
});
