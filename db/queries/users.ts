import { and, count, desc, eq, gte } from 'drizzle-orm';
import { signIns, users } from '../schema';
import type { Db } from '../index';

export function findUserByUsername(db: Db, { username }: { username: string }) {
  return db.select().from(users).where(eq(users.username, username)).get();
}

export function findUserById(db: Db, { id }: { id: number }) {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function recordSignIn(
  db: Db,
  entry: { userId: number | null; username: string; success: boolean; ip: string | null; userAgent: string | null },
) {
  db.insert(signIns).values(entry).run();
}

export function recentSignIns(db: Db, { userId, limit = 10 }: { userId: number; limit?: number }) {
  return db
    .select()
    .from(signIns)
    .where(eq(signIns.userId, userId))
    .orderBy(desc(signIns.createdAt), desc(signIns.id))
    .limit(limit)
    .all();
}

export function countRecentFailures(db: Db, { username, since }: { username: string; since: Date }): number {
  return (
    db
      .select({ n: count() })
      .from(signIns)
      .where(and(eq(signIns.username, username), eq(signIns.success, false), gte(signIns.createdAt, since)))
      .get()?.n ?? 0
  );
}
