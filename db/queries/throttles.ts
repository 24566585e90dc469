import 'server-only';
import { and, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { signInThrottles } from '../schema';
import type { Db } from '../sqlite';

/** The throttle rows of some keys whose pause is still in force at `now`. */
export function blockedThrottles(db: Db, { keys, now }: { keys: string[]; now: Date }) {
  return db
    .select({ key: signInThrottles.key, blockedUntil: signInThrottles.blockedUntil })
    .from(signInThrottles)
    .where(and(inArray(signInThrottles.key, keys), gt(signInThrottles.blockedUntil, now)));
}

/**
 * Counts one failure under a key, unless its pause is in force (then nothing is written and nothing
 * returned: the guard makes that hold even against a concurrent writer). A count whose last failure
 * is older than `forgetBefore` starts again at one. The new count, or undefined when paused.
 */
export async function countThrottledFailure(
  tx: Db,
  { key, now, forgetBefore }: { key: string; now: Date; forgetBefore: Date },
): Promise<number | undefined> {
  const [row] = await tx
    .insert(signInThrottles)
    .values({ key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: signInThrottles.key,
      set: {
        failures: sql`case when ${signInThrottles.lastFailureAt} < ${sql.param(forgetBefore, signInThrottles.lastFailureAt)} then 1 else ${signInThrottles.failures} + 1 end`,
        lastFailureAt: now,
      },
      setWhere: or(isNull(signInThrottles.blockedUntil), lte(signInThrottles.blockedUntil, now)),
    })
    .returning({ failures: signInThrottles.failures });
  return row?.failures;
}

export async function setThrottlePause(tx: Db, { key, until }: { key: string; until: Date | null }) {
  await tx.update(signInThrottles).set({ blockedUntil: until }).where(eq(signInThrottles.key, key));
}

/** Takes back one counted failure (it turned out to be the right password); the new count. */
export async function uncountThrottledFailure(tx: Db, { key }: { key: string }): Promise<number | undefined> {
  const [row] = await tx
    .update(signInThrottles)
    .set({ failures: sql`case when ${signInThrottles.failures} > 0 then ${signInThrottles.failures} - 1 else 0 end` })
    .where(eq(signInThrottles.key, key))
    .returning({ failures: signInThrottles.failures });
  return row?.failures;
}

export async function clearThrottle(tx: Db, { key }: { key: string }) {
  await tx.delete(signInThrottles).where(eq(signInThrottles.key, key));
}
