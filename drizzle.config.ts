import { defineConfig } from 'drizzle-kit';

// db/schema.ts builds the tables of the dialect DATABASE_URL names: these migrations are SQLite's.
delete process.env.DATABASE_URL;

export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
});
