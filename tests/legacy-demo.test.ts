import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { closeDatabase, databaseFile, migrateDatabase, openDatabase, transaction } from '@/db';
import { countActiveDemoAccounts } from '@/db/queries/users';
import { hashPasswordSync } from '@/lib/auth/password';
import { markLegacyDemoAccounts } from '@/lib/legacy-demo';
import { DEMO_PASSWORD, seedDemo } from '@/lib/seed';
import { ROOT, tempDatabase } from './helpers';

/** The migrations as they were before the one that added `users.demo` (0005). */
function migrationsBeforeDemoMark(dir: string): string {
  const older = path.join(dir, 'migrations-before-demo');
  cpSync(path.join(ROOT, 'db', 'migrations'), older, { recursive: true });
  const journalFile = path.join(older, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
  journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < '0005');
  writeFileSync(journalFile, JSON.stringify(journal));
  return older;
}

describe('an install whose database predates the demo mark', () => {
  it('shows the 演示数据 banner for the demo accounts that still sign in with the published password', async () => {
    const { db: scratch, dir, cleanup } = await tempDatabase();
    await closeDatabase(scratch);
    const db = openDatabase(databaseFile(path.join(dir, 'data')));
    await migrateDatabase(db, migrationsBeforeDemoMark(dir));
    // As the seed of that release left them: admin untouched, finance's password changed, owner2 deactivated.
    const demo = hashPasswordSync(DEMO_PASSWORD);
    const accounts: Array<[string, string, string, number]> = [
      ['admin', 'admin', demo, 1],
      ['finance', 'finance', hashPasswordSync('a-real-password-2026'), 1],
      ['owner2', 'owner', demo, 0],
      ['chief', 'admin', demo, 1],
    ];
    await transaction(db, async (tx) => {
      for (const [username, role, hash, active] of accounts)
        await tx.run(
          sql`insert into users (username, display_name, password_hash, role, active) values (${username}, ${username}, ${hash}, ${role}, ${active})`,
        );
    });

    await migrateDatabase(db);
    expect(await countActiveDemoAccounts(db)).toBe(0);
    expect(await markLegacyDemoAccounts(db)).toBe(1);
    expect(await countActiveDemoAccounts(db)).toBe(1);
    const marked = await db.all<{ username: string }>(sql`select username from users where demo = 1`);
    expect(marked).toEqual([{ username: 'admin' }]);
    // Once per database: a later start changes nothing.
    expect(await markLegacyDemoAccounts(db)).toBe(0);
    await closeDatabase(db);
    await cleanup();
  });

  it('marks nothing on a database the current seed made, or on a production one', async () => {
    const demoInstall = await tempDatabase();
    await seedDemo(demoInstall.db);
    expect(await countActiveDemoAccounts(demoInstall.db)).toBe(5);
    expect(await markLegacyDemoAccounts(demoInstall.db)).toBe(0);
    await demoInstall.cleanup();

    const production = await tempDatabase();
    expect(await markLegacyDemoAccounts(production.db)).toBe(0);
    expect(await countActiveDemoAccounts(production.db)).toBe(0);
    await production.cleanup();
  });
});
