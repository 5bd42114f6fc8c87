import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQLite's migrations from its schema (committed, applied at start).
export default defineConfig({
  dialect: 'sqlite',
  schema: './server/db/schema/sqlite.ts',
  out: './server/db/migrations/sqlite',
});
