import { defineConfig } from 'drizzle-kit';

// One store family per run: PG_FAMILY=storage pnpm db:generate:pg
// reads src/<family>/postgres/schema.ts and writes drizzle/pg/<family>.
const family = process.env.PG_FAMILY;
if (!family) throw new Error('set PG_FAMILY to the store folder, e.g. PG_FAMILY=storage');

export default defineConfig({
  dialect: 'postgresql',
  schema: `./src/${family}/postgres/schema.ts`,
  out: `./drizzle/pg/${family}`,
});
