import { eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { projects, users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmptyDatabase, seedDemo } from '@/lib/seed';
import { rowsOf, tempDatabase } from './helpers';

describe('the embedded default (db/seed.ts)', () => {
  it('loads the seed table and one demo account per role, and is idempotent', async () => {
    const { db, cleanup } = await tempDatabase();
    try {
      expect(await isEmptyDatabase(db)).toBe(true);
      await seedDemo(db);
      await seedDemo(db);
      expect(await isEmptyDatabase(db)).toBe(false);
      expect(await db.$count(projects)).toBe(17);
      const accounts = await rowsOf(db, users);
      expect(accounts.map((u) => [u.username, u.role])).toEqual(DEMO_ACCOUNTS.map((a) => [a.username, a.role]));
      for (const account of accounts) expect(await verifyPassword(DEMO_PASSWORD, account.passwordHash)).toBe(true);

      const owner1 = accounts.find((u) => u.username === 'owner1')!;
      const owner2 = accounts.find((u) => u.username === 'owner2')!;
      const countFor = (id: number) => db.$count(projects, eq(projects.ownerId, id));
      expect(await countFor(owner1.id)).toBe(9);
      expect(await countFor(owner2.id)).toBe(8);
      expect(await db.$count(projects, isNull(projects.ownerId))).toBe(0);
      expect(accounts.find((u) => u.username === 'head')?.departmentId).toBe(owner1.departmentId);
    } finally {
      cleanup();
    }
  });
});
