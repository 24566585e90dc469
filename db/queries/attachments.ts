import 'server-only';
import { and, asc, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { firstRow } from '../rows';
import {
  attachments,
  evaluations,
  evaluationYears,
  evidenceFlags,
  projects,
  reviewActions,
  users,
  type EvidencePurpose,
  type EvidenceTarget,
} from '../schema';
import type { Db } from '../sqlite';

/** Attachments with the uploader's name: the one shape of every list of evidence. */
function attachmentRows(db: Db) {
  return db
    .select({ ...getTableColumns(attachments), uploadedBy: users.displayName })
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.uploadedById));
}

export type AttachmentRow = Awaited<ReturnType<typeof listAttachments>>[number];

/** An evaluation's evidence, in upload order. */
export function listAttachments(db: Db, { evaluationId }: { evaluationId: number }) {
  return attachmentRows(db).where(eq(attachments.evaluationId, evaluationId)).orderBy(asc(attachments.id));
}

/** The evidence of every evaluation whose project passes `where` (a condition on projects), in one query. */
export function attachmentsOfProjects(db: Db, { where }: { where: SQL | undefined }) {
  return attachmentRows(db)
    .innerJoin(evaluations, eq(evaluations.id, attachments.evaluationId))
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .where(where)
    .orderBy(asc(attachments.id));
}

export function findAttachment(db: Db, { id }: { id: number }) {
  return firstRow(attachmentRows(db).where(eq(attachments.id, id)).limit(1));
}

export interface NewAttachment {
  evaluationId: number;
  target: EvidenceTarget;
  indicatorId: number | null;
  purpose: EvidencePurpose;
  name: string;
  size: number;
  sha256: string;
  mime: string;
  uploadedById: number;
}

export function insertAttachments(tx: Db, rows: NewAttachment[]) {
  return tx.insert(attachments).values(rows).returning();
}

/** Removes one row; the answer says whether it was there (a second removal finds nothing). */
export async function deleteAttachment(tx: Db, { id }: { id: number }): Promise<boolean> {
  return (await tx.delete(attachments).where(eq(attachments.id, id)).returning({ id: attachments.id })).length === 1;
}

/** How many bytes of evidence an evaluation holds (what its limit counts). */
export async function evidenceBytes(db: Db, { evaluationId }: { evaluationId: number }): Promise<number> {
  const [row] = await db
    .select({ bytes: sql`coalesce(sum(${attachments.size}), 0)`.mapWith(Number) })
    .from(attachments)
    .where(eq(attachments.evaluationId, evaluationId));
  return row?.bytes ?? 0;
}

/** Every content some row points to: what the sweep keeps. */
export async function referencedSha256s(db: Db): Promise<Set<string>> {
  const rows = await db.selectDistinct({ sha256: attachments.sha256 }).from(attachments);
  return new Set(rows.map((row) => row.sha256));
}

export async function hasAttachments(db: Db, { evaluationId }: { evaluationId: number }): Promise<boolean> {
  const row = await firstRow(
    db.select({ id: attachments.id }).from(attachments).where(eq(attachments.evaluationId, evaluationId)).limit(1),
  );
  return row !== undefined;
}

/** What the workflow table decides on (lib/workflow's EvaluationScope), as columns. */
const SCOPE_COLUMNS = {
  status: evaluations.status,
  ownerId: projects.ownerId,
  departmentId: projects.departmentId,
  year: projects.year,
  yearStatus: evaluationYears.status,
};

/**
 * Locks the evaluation's row for the rest of the transaction (an update that changes nothing: on PostgreSQL a
 * second upload to the same evaluation waits here until the first commits) and reads what the workflow decides on
 * afresh. Null when the evaluation is gone.
 */
export async function lockEvaluationScope(tx: Db, { evaluationId }: { evaluationId: number }) {
  const locked = await tx
    .update(evaluations)
    .set({ version: sql`${evaluations.version}` })
    .where(eq(evaluations.id, evaluationId))
    .returning({ id: evaluations.id });
  if (locked.length === 0) return null;
  const row = await firstRow(
    tx
      .select(SCOPE_COLUMNS)
      .from(evaluations)
      .innerJoin(projects, eq(projects.id, evaluations.projectId))
      .innerJoin(evaluationYears, eq(evaluationYears.year, projects.year))
      .where(eq(evaluations.id, evaluationId))
      .limit(1),
  );
  return row ?? null;
}

/** The decisions that settle a return's 缺佐证 flags: the latest of these is the one whose flags are current. */
const DECISIONS = ['return', 'approve', 'finalize'] as const;

export interface FlaggedRow {
  target: EvidenceTarget;
  indicatorId: number | null;
}

export async function insertEvidenceFlags(
  tx: Db,
  { reviewActionId, evaluationId, rows }: { reviewActionId: number; evaluationId: number; rows: FlaggedRow[] },
) {
  if (rows.length === 0) return;
  await tx.insert(evidenceFlags).values(rows.map((row) => ({ ...row, reviewActionId, evaluationId })));
}

/**
 * The rows the latest return flagged as 缺佐证, while that return is the latest decision (the next approval or
 * return settles them); none otherwise.
 */
export async function currentEvidenceFlags(db: Db, { evaluationId }: { evaluationId: number }): Promise<FlaggedRow[]> {
  const latest = await firstRow(
    db
      .select({ id: reviewActions.id, action: reviewActions.action })
      .from(reviewActions)
      .where(and(eq(reviewActions.evaluationId, evaluationId), inArray(reviewActions.action, [...DECISIONS])))
      .orderBy(desc(reviewActions.id))
      .limit(1),
  );
  if (latest?.action !== 'return') return [];
  return db
    .select({ target: evidenceFlags.target, indicatorId: evidenceFlags.indicatorId })
    .from(evidenceFlags)
    .where(eq(evidenceFlags.reviewActionId, latest.id))
    .orderBy(asc(evidenceFlags.id));
}

/** The SQL form of "has current 缺佐证 flags", as a condition on `evaluations`, for lists that filter by it. */
export function evidenceFlaggedCondition(): SQL {
  const decisions = sql.join(
    DECISIONS.map((d) => sql`${d}`),
    sql`, `,
  );
  return sql`exists (select 1 from ${evidenceFlags} where ${evidenceFlags.evaluationId} = ${evaluations.id} and ${evidenceFlags.reviewActionId} = (select max(${reviewActions.id}) from ${reviewActions} where ${reviewActions.evaluationId} = ${evaluations.id} and ${reviewActions.action} in (${decisions})))`;
}

/** The evaluations of a year with current 缺佐证 flags. */
export async function evidenceFlaggedEvaluationIds(db: Db, { year }: { year: number }): Promise<Set<number>> {
  const rows = await db
    .select({ id: evaluations.id })
    .from(evaluations)
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .where(and(eq(projects.year, year), evidenceFlaggedCondition()));
  return new Set(rows.map((row) => row.id));
}
