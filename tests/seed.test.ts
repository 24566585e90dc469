import { count, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { projects, users } from '@/db/schema';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmptyDatabase, seedDemo } from '@/db/seed';
import { verifyPassword } from '@/lib/auth/password';
import { tempDatabase } from './helpers';

describe('the embedded default (db/seed.ts)', () => {
  it('loads the seed table and one demo account per role, and is idempotent', async () => {
    const { db, cleanup } = tempDatabase();
    try {
      expect(isEmptyDatabase(db)).toBe(true);
      seedDemo(db);
      seedDemo(db);
      expect(isEmptyDatabase(db)).toBe(false);
      expect(db.select({ n: count() }).from(projects).get()?.n).toBe(17);
      const accounts = db.select().from(users).all();
      expect(accounts.map((u) => [u.username, u.role])).toEqual(DEMO_ACCOUNTS.map((a) => [a.username, a.role]));
      for (const account of accounts) expect(await verifyPassword(DEMO_PASSWORD, account.passwordHash)).toBe(true);

      const owner1 = accounts.find((u) => u.username === 'owner1')!;
      const owner2 = accounts.find((u) => u.username === 'owner2')!;
      const countFor = (id: number) =>
        db.select({ n: count() }).from(projects).where(eq(projects.ownerId, id)).get()?.n;
      expect(countFor(owner1.id)).toBe(9);
      expect(countFor(owner2.id)).toBe(8);
      expect(db.select({ n: count() }).from(projects).where(isNull(projects.ownerId)).get()?.n).toBe(0);
      expect(accounts.find((u) => u.username === 'head')?.departmentId).toBe(owner1.departmentId);
    } finally {
      cleanup();
    }
  });
});
