import 'server-only';
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { leases } from '../schema';
import type { Db } from '../sqlite';

/**
 * Named slots shared by every instance of the app through the database: a slot is taken by writing
 * its row (or by overwriting a row whose lease has run out), held while its holder renews it, and
 * freed by deleting the row. A crashed holder stops renewing, so its slot frees itself at `expiresAt`.
 * Writes run inside the caller's transaction.
 */

/** Takes the slot `name` for `holder` until `expiresAt` unless someone holds it past `now`; whether it was taken. */
export async function takeLease(
  tx: Db,
  { name, holder, expiresAt, now }: { name: string; holder: string; expiresAt: Date; now: Date },
): Promise<boolean> {
  const taken = await tx
    .insert(leases)
    .values({ name, holder, expiresAt })
    .onConflictDoUpdate({ target: leases.name, set: { holder, expiresAt }, setWhere: lt(leases.expiresAt, now) })
    .returning({ name: leases.name });
  return taken.length > 0;
}

/** Moves a held slot's end to `expiresAt`; false when the holder lost it (it ran out and someone took it). */
export async function renewLease(
  tx: Db,
  { name, holder, expiresAt }: { name: string; holder: string; expiresAt: Date },
): Promise<boolean> {
  const renewed = await tx
    .update(leases)
    .set({ expiresAt })
    .where(and(eq(leases.name, name), eq(leases.holder, holder)))
    .returning({ name: leases.name });
  return renewed.length > 0;
}

export async function releaseLease(tx: Db, { name, holder }: { name: string; holder: string }): Promise<void> {
  await tx
    .delete(leases)
    .where(and(eq(leases.name, name), eq(leases.holder, holder)))
    .returning({ name: leases.name });
}

/** How many of `slots` are held at `now`. */
export async function countHeldLeases(db: Db, { slots, now }: { slots: readonly string[]; now: Date }) {
  return db.$count(leases, and(inArray(leases.name, [...slots]), gte(leases.expiresAt, now)));
}
