import { defineConfig } from 'vitest/config';
import base from './vitest.config.mjs';

/**
 * The integration suite (tests/) on PostgreSQL: `npm run test:pg`. One throwaway cluster for the
 * run (tests/pg-global-setup.ts); DATABASE_URL selects the dialect when db/schema.ts is imported,
 * and each test's database is a fresh clone on that cluster (tests/helpers.ts `tempDatabase`).
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['tests/**/*.test.ts', 'lib/health/*.test.ts'],
    exclude: [
      // The SQLite file itself: its backup archive, restore, file modes, query plans.
      'tests/backup.test.ts',
      'tests/backup-schedule.test.ts',
      'tests/file-permissions.test.ts',
      'tests/query-plans.test.ts',
      // An older release's SQLite migrations, replayed (PostgreSQL installs start at the current schema).
      'tests/legacy-demo.test.ts',
    ],
    // Seeding a world takes a few hundred round trips to the server: more than on a local file under load.
    hookTimeout: 60_000,
    env: { DATABASE_URL: 'postgres://127.0.0.1/cloned-per-test' },
    globalSetup: ['tests/pg-global-setup.ts'],
  },
});
