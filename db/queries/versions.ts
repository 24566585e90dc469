import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { departments, evaluationYears, projects, users } from '../schema';
import type { Db } from '../sqlite';

/** The rows that carry a version (lib/versions.ts), by what a form edits. */
const VERSIONED = {
  department: { table: departments, key: departments.id },
  user: { table: users, key: users.id },
  project: { table: projects, key: projects.id },
  year: { table: evaluationYears, key: evaluationYears.year },
} as const;

export type VersionedRecord = keyof typeof VERSIONED;

/**
 * Moves a record from version `expected` to the next, inside the write's transaction. False when the
 * record is at another version (someone changed it since the form was opened) or gone.
 */
export async function claimVersion(
  tx: Db,
  { record, id, expected }: { record: VersionedRecord; id: number; expected: number },
): Promise<boolean> {
  const { table, key } = VERSIONED[record];
  // One of four tables, each with an integer `version`: drizzle cannot type an update over a union.
  const versioned = table as typeof departments;
  const claimed = await tx
    .update(versioned)
    .set({ version: sql`${versioned.version} + 1` })
    .where(and(eq(key, id), eq(versioned.version, expected)))
    .returning({ version: versioned.version });
  return claimed.length === 1;
}

/** The record's version now: what a form opened now carries. Undefined when there is no such record. */
export async function findVersion(db: Db, { record, id }: { record: VersionedRecord; id: number }) {
  const { table, key } = VERSIONED[record];
  const versioned = table as typeof departments;
  const [row] = await db.select({ version: versioned.version }).from(versioned).where(eq(key, id)).limit(1);
  return row?.version;
}
