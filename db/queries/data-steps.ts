import 'server-only';
import { eq } from 'drizzle-orm';
import { dataSteps } from '../schema';
import type { Db } from '../sqlite';

/** Whether the data step `name` (a backfill run once per database) has run. */
export async function dataStepDone(db: Db, { name }: { name: string }): Promise<boolean> {
  return (await db.$count(dataSteps, eq(dataSteps.name, name))) > 0;
}

/** Records that the data step `name` has run (inside the transaction that finishes it). */
export async function markDataStepDone(tx: Db, { name }: { name: string }): Promise<void> {
  await tx.insert(dataSteps).values({ name }).onConflictDoNothing().returning({ name: dataSteps.name });
}
