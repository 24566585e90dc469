import 'server-only';
import { eq, lt, or } from 'drizzle-orm';
import { jobLeases } from '../schema';
import type { Db } from '../sqlite';

/**
 * Takes the lease of a job for `holder` until `until`: when nobody holds it, when the holder's lease has expired,
 * or when `holder` holds it already (renewing it). One statement, so two instances asking at once cannot both win.
 */
export async function takeLease(
  tx: Db,
  { name, holder, now, until }: { name: string; holder: string; now: Date; until: Date },
): Promise<boolean> {
  const taken = await tx
    .insert(jobLeases)
    .values({ name, holder, expiresAt: until })
    .onConflictDoUpdate({
      target: jobLeases.name,
      set: { holder, expiresAt: until },
      setWhere: or(lt(jobLeases.expiresAt, now), eq(jobLeases.holder, holder)),
    })
    .returning({ name: jobLeases.name });
  return taken.length === 1;
}
