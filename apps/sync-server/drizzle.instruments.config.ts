import { defineConfig } from 'drizzle-kit';

/** Commands and runs live in telemetry.db, with migrations of their own. */
export default defineConfig({
  dialect: 'sqlite',
  schema: ['./src/instruments/sqlite/schema.ts'],
  out: './drizzle/instruments',
});
