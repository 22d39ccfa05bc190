import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: [
    './src/storage/sqlite/schema.ts',
    './src/identity/sqlite/schema.ts',
    './src/audit/sqlite/schema.ts',
  ],
  out: './drizzle/sqlite',
});
