import 'server-only';
import { and, eq, lt } from 'drizzle-orm';
import { exportSlots } from '../schema';
import type { Db } from '../sqlite';

/**
 * Named slots shared by every instance of the app through the database: a slot is taken by writing
 * its row (or by overwriting a row whose lease has run out), held while its holder renews it, and
 * freed by deleting the row. A crashed holder stops renewing, so its slot frees itself at `expiresAt`.
 * Writes run inside the caller's transaction.
 */

/** A slot and who holds it (or wants it). */
interface Hold {
  name: string;
  holder: string;
}

/** The slot's row while its holder holds it. */
const heldBy = ({ name, holder }: Hold) => and(eq(exportSlots.name, name), eq(exportSlots.holder, holder));

/** Takes the slot `name` for `holder` until `expiresAt` unless someone holds it past `now`; whether it was taken. */
export async function takeSlot(
  tx: Db,
  { name, holder, expiresAt, now }: Hold & { expiresAt: Date; now: Date },
): Promise<boolean> {
  const taken = await tx
    .insert(exportSlots)
    .values({ name, holder, expiresAt })
    .onConflictDoUpdate({
      target: exportSlots.name,
      set: { holder, expiresAt },
      setWhere: lt(exportSlots.expiresAt, now),
    })
    .returning({ name: exportSlots.name });
  return taken.length > 0;
}

/** Moves a held slot's end to `expiresAt`; false when the holder lost it (it ran out and someone took it). */
export async function renewSlot(tx: Db, { expiresAt, ...hold }: Hold & { expiresAt: Date }): Promise<boolean> {
  const renewed = await tx
    .update(exportSlots)
    .set({ expiresAt })
    .where(heldBy(hold))
    .returning({ name: exportSlots.name });
  return renewed.length > 0;
}

export async function releaseSlot(tx: Db, hold: Hold): Promise<void> {
  await tx.delete(exportSlots).where(heldBy(hold)).returning({ name: exportSlots.name });
}
