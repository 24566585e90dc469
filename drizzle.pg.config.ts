import { defineConfig } from 'drizzle-kit';

// db/schema.ts builds the tables of the dialect DATABASE_URL names: these migrations are PostgreSQL's.
process.env.DATABASE_URL = 'postgresql://drizzle-kit/schema';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations-pg',
});
