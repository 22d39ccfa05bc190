import { defineConfig } from 'drizzle-kit';

/** Webhooks, notifications and alert rules live in integrations.db, with migrations of their own. */
export default defineConfig({
  dialect: 'sqlite',
  schema: [
    './src/webhooks/sqlite/schema.ts',
    './src/notifications/sqlite/schema.ts',
    './src/alerts/sqlite/schema.ts',
  ],
  out: './drizzle/integrations',
});
