import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes PostgreSQL's migrations from its schema (committed, applied at start).
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema/pg.ts',
  out: './server/db/migrations/pg',
});
