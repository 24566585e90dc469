import 'server-only';
import { and, eq, lte, or } from 'drizzle-orm';
import { firstRow } from '../rows';
import { jobLeases } from '../schema';
import type { Db } from '../sqlite';

/**
 * Takes the lease of a job until `until`, when nobody holds it (or its holder's time ran out) or
 * `holder` holds it already. One upsert guarded by its WHERE: of instances asking at the same
 * moment, exactly one gets the row back. Undefined when another holds it.
 */
export async function takeLease(
  tx: Db,
  { name, holder, now, until }: { name: string; holder: string; now: Date; until: Date },
) {
  const [row] = await tx
    .insert(jobLeases)
    .values({ name, holder, expiresAt: until })
    .onConflictDoUpdate({
      target: jobLeases.name,
      set: { holder, expiresAt: until },
      setWhere: or(lte(jobLeases.expiresAt, now), eq(jobLeases.holder, holder)),
    })
    .returning();
  return row;
}

/** Gives the lease back at `now`; with `doneAt`, records that the job completed then. */
export async function releaseLease(
  tx: Db,
  { name, holder, now, doneAt }: { name: string; holder: string; now: Date; doneAt?: Date },
) {
  await tx
    .update(jobLeases)
    .set({ expiresAt: now, ...(doneAt ? { lastDoneAt: doneAt } : {}) })
    .where(and(eq(jobLeases.name, name), eq(jobLeases.holder, holder)));
}

export function findLease(db: Db, { name }: { name: string }) {
  return firstRow(db.select().from(jobLeases).where(eq(jobLeases.name, name)).limit(1));
}
