import 'server-only';
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { firstRow, groupBy } from '../rows';
import {
  departments,
  ENGINE_FLAG_KINDS,
  evaluationFlags,
  evaluations,
  evaluationSnapshots,
  evaluationYears,
  indicatorResults,
  indicators,
  projects,
  reviewActions,
  users,
  type Evaluation,
  type EngineFlagKind,
  type EvaluationStatus,
  type IndicatorResult,
  type ReviewActionKind,
} from '../schema';
import { attachmentsOfProjects, listAttachments } from './attachments';
import { refreshFiguresOfEvaluations } from './department-figures';
import { JOIN } from './joins';
import { listIndicators, projectOwner, projectScopeCondition } from './projects';
import type { SessionUser } from '../../lib/auth/scope';
import type { FrozenEvaluation } from '../../lib/evaluations/frozen-types';
import type { Db } from '../sqlite';

/** Evaluation, project, department, owner and year, joined: the head of every bundle. */
function bundleHeads(db: Db) {
  return db
    .select({
      evaluation: evaluations,
      project: projects,
      departmentName: departments.name,
      ownerName: projectOwner.displayName,
      year: evaluationYears,
    })
    .from(evaluations)
    .innerJoin(projects, JOIN.projectOfEvaluation)
    .innerJoin(departments, JOIN.departmentOfProject)
    .innerJoin(evaluationYears, eq(evaluationYears.year, projects.year))
    .leftJoin(projectOwner, eq(projectOwner.id, projects.ownerId));
}

const resultsByIndicator = (rows: IndicatorResult[]) => new Map(rows.map((r) => [r.indicatorId, r]));

/** The 定稿 snapshots of some evaluations (lib/evaluations/frozen.ts), by evaluation. */
async function snapshotsOf(db: Db, where: SQL | undefined) {
  const rows = await db
    .select({ evaluationId: evaluationSnapshots.evaluationId, content: evaluationSnapshots.content })
    .from(evaluationSnapshots)
    .innerJoin(evaluations, eq(evaluations.id, evaluationSnapshots.evaluationId))
    .innerJoin(projects, JOIN.projectOfEvaluation)
    .where(where);
  return new Map(rows.map((r) => [r.evaluationId, r.content]));
}

/** Everything one evaluation page, operation or export needs, in one read. */
export async function loadEvaluationBundle(db: Db, { evaluationId }: { evaluationId: number }) {
  const head = await firstRow(bundleHeads(db).where(eq(evaluations.id, evaluationId)).limit(1));
  if (!head) return null;
  const indicatorRows = await listIndicators(db, { projectId: head.project.id });
  // In indicator order on both dialects (PostgreSQL returns unordered rows in no fixed order, and a
  // 定稿 snapshot keeps the order it was read in).
  const resultRows = await db
    .select()
    .from(indicatorResults)
    .where(eq(indicatorResults.evaluationId, evaluationId))
    .orderBy(asc(indicatorResults.indicatorId));
  const snapshot = (await snapshotsOf(db, eq(evaluations.id, evaluationId))).get(evaluationId) ?? null;
  const attachmentRows = await listAttachments(db, { evaluationId });
  return {
    ...head,
    indicators: indicatorRows,
    results: resultsByIndicator(resultRows),
    attachments: attachmentRows,
    snapshot,
  };
}

export type EvaluationBundle = NonNullable<Awaited<ReturnType<typeof loadEvaluationBundle>>>;

/** The bundles of some evaluation heads, in their order, with five queries whatever their number. */
type BundleHead = Awaited<ReturnType<typeof bundleHeads>>[number];

async function bundlesOf(db: Db, heads: BundleHead[]) {
  if (heads.length === 0) return [];
  const projectIds = heads.map((h) => h.project.id);
  const byProject = groupBy(
    await db
      .select()
      .from(indicators)
      .where(inArray(indicators.projectId, projectIds))
      .orderBy(asc(indicators.projectId), asc(indicators.position)),
    (i) => i.projectId,
  );
  const resultRows = await db
    .select()
    .from(indicatorResults)
    .where(
      inArray(
        indicatorResults.evaluationId,
        heads.map((h) => h.evaluation.id),
      ),
    )
    .orderBy(asc(indicatorResults.evaluationId), asc(indicatorResults.indicatorId));
  const byEvaluation = groupBy(resultRows, (r) => r.evaluationId);
  const these = inArray(
    evaluations.id,
    heads.map((h) => h.evaluation.id),
  );
  const snapshots = await snapshotsOf(db, these);
  const evidence = groupBy(await attachmentsOfProjects(db, { where: these }), (a) => a.evaluationId);
  return heads.map((head) => ({
    ...head,
    indicators: byProject.get(head.project.id) ?? [],
    results: resultsByIndicator(byEvaluation.get(head.evaluation.id) ?? []),
    attachments: evidence.get(head.evaluation.id) ?? [],
    snapshot: snapshots.get(head.evaluation.id) ?? null,
  }));
}

/** The bundles of some evaluations, in the order of their ids. */
export async function loadEvaluationBundles(db: Db, { evaluationIds }: { evaluationIds: number[] }) {
  if (evaluationIds.length === 0) return [];
  const heads = await bundleHeads(db).where(inArray(evaluations.id, evaluationIds)).orderBy(asc(evaluations.id));
  return bundlesOf(db, heads);
}

/**
 * The bundles of every evaluation a condition selects (a year in a user's scope, and an overview's
 * filter), in list order (department by department, then table order), a batch at a time: each batch
 * is read by keyset (the department, then position and id past the last one read), so an export of
 * any size holds one batch, and reading the next costs the same however far into the year it is.
 */
export async function* yearBundleBatches(
  db: Db,
  { where, batchSize = 200 }: { where: SQL | undefined; batchSize?: number },
): AsyncGenerator<EvaluationBundle[]> {
  const departmentIds = await db
    .selectDistinct({ id: departments.id, name: departments.name })
    .from(evaluations)
    .innerJoin(projects, JOIN.projectOfEvaluation)
    .innerJoin(departments, JOIN.departmentOfProject)
    .leftJoin(projectOwner, eq(projectOwner.id, projects.ownerId))
    .where(where)
    .orderBy(asc(departments.name));
  for (const department of departmentIds) {
    let after: { position: number; id: number } | null = null;
    for (;;) {
      const heads: BundleHead[] = await bundleHeads(db)
        .where(
          and(
            where,
            eq(projects.departmentId, department.id),
            after ? sql`(${projects.position}, ${projects.id}) > (${after.position}, ${after.id})` : undefined,
          ),
        )
        .orderBy(asc(projects.position), asc(projects.id))
        .limit(batchSize);
      if (heads.length === 0) break;
      yield await bundlesOf(db, heads);
      const last = heads[heads.length - 1].project;
      after = { position: last.position, id: last.id };
      if (heads.length < batchSize) break;
    }
  }
}

/**
 * Every bundle of a year in a user's scope (of one department when asked), in list order: for the
 * what-if, a change of scheme and a department's report, which need them all at once.
 */
export async function loadYearBundles(
  db: Db,
  { user, year, departmentId }: { user: SessionUser; year: number; departmentId?: number },
): Promise<EvaluationBundle[]> {
  const all: EvaluationBundle[] = [];
  const where = and(
    eq(projects.year, year),
    projectScopeCondition(user),
    departmentId === undefined ? undefined : eq(projects.departmentId, departmentId),
  );
  for await (const batch of yearBundleBatches(db, { where, batchSize: 1000 })) all.push(...batch);
  return all;
}

/** The evaluations of a year that a user may see, with their scores, for lists, queues and the API. */
export async function listEvaluationsForUser(
  db: Db,
  { user, year, statuses }: { user: SessionUser; year: number; statuses?: EvaluationStatus[] },
) {
  const conditions: Array<SQL | undefined> = [eq(projects.year, year), projectScopeCondition(user)];
  if (statuses) conditions.push(inArray(evaluations.status, statuses));
  const heads = await bundleHeads(db)
    .where(and(...conditions))
    .orderBy(asc(departments.name), asc(projects.position));
  return heads.map(({ evaluation: e, project, departmentName, ownerName }) => ({
    id: e.id,
    projectId: project.id,
    project: project.name,
    department: departmentName,
    departmentId: project.departmentId,
    owner: ownerName,
    budgetTotalFen: project.budgetTotalFen,
    status: e.status,
    version: e.version,
    selfScore: e.selfScore,
    finalScore: e.finalScore,
    selfGrade: e.selfGrade,
    finalGrade: e.finalGrade,
    submittedAt: e.submittedAt,
    updatedAt: e.updatedAt,
  }));
}

/** The 流转记录: every workflow step of an evaluation, oldest first. */
export function listReviewActions(db: Db, { evaluationId }: { evaluationId: number }) {
  return db
    .select({
      id: reviewActions.id,
      action: reviewActions.action,
      fromStatus: reviewActions.fromStatus,
      toStatus: reviewActions.toStatus,
      comment: reviewActions.comment,
      createdAt: reviewActions.createdAt,
      actor: users.displayName,
      actorRole: users.role,
    })
    .from(reviewActions)
    .innerJoin(users, eq(users.id, reviewActions.actorId))
    .where(eq(reviewActions.evaluationId, evaluationId))
    .orderBy(asc(reviewActions.createdAt), asc(reviewActions.id));
}

/** Claims the next version; false when someone saved since `expected` (the optimistic lock). */
export async function claimEvaluationVersion(
  tx: Db,
  { evaluationId, expected, userId }: { evaluationId: number; expected: number; userId: number },
): Promise<boolean> {
  const claimed = await tx
    .update(evaluations)
    .set({ version: sql`${evaluations.version} + 1`, updatedAt: new Date(), updatedById: userId })
    .where(and(eq(evaluations.id, evaluationId), eq(evaluations.version, expected)))
    .returning({ id: evaluations.id });
  return claimed.length === 1;
}

export type EvaluationColumns = Partial<Omit<Evaluation, 'id' | 'projectId' | 'version' | 'createdAt'>>;
export type ResultColumns = Partial<Omit<IndicatorResult, 'id' | 'evaluationId' | 'indicatorId'>>;

/**
 * Writes columns of an evaluation and of its indicators' results (creating a result row the first
 * time), and replaces the flags the engine gave it when `flags` is given. Its department's stored
 * figures follow when its own columns or flags change, unless the caller writes many and computes their
 * departments' figures once after (`refreshFiguresOfEvaluations`): `figuresLater`.
 */
export async function writeEvaluation(
  tx: Db,
  {
    evaluationId,
    evaluation,
    results,
    flags,
    figuresLater = false,
  }: {
    evaluationId: number;
    evaluation: EvaluationColumns;
    results: Array<{ indicatorId: number } & ResultColumns>;
    flags?: Array<{ kind: EngineFlagKind; ordinal: number; detail: string }>;
    figuresLater?: boolean;
  },
) {
  if (flags) {
    await tx
      .delete(evaluationFlags)
      .where(
        and(eq(evaluationFlags.evaluationId, evaluationId), inArray(evaluationFlags.kind, [...ENGINE_FLAG_KINDS])),
      );
    if (flags.length > 0) await tx.insert(evaluationFlags).values(flags.map((f) => ({ ...f, evaluationId })));
  }
  if (Object.keys(evaluation).length > 0)
    await tx.update(evaluations).set(evaluation).where(eq(evaluations.id, evaluationId));
  for (const { indicatorId, ...values } of results) {
    await tx
      .insert(indicatorResults)
      .values({ evaluationId, indicatorId, ...values })
      .onConflictDoUpdate({ target: [indicatorResults.evaluationId, indicatorResults.indicatorId], set: values });
  }
  if ((flags || Object.keys(evaluation).length > 0) && !figuresLater)
    await refreshFiguresOfEvaluations(tx, { evaluationIds: [evaluationId] });
}

/** One workflow step in the 流转记录; answers its id. */
export async function insertReviewAction(
  tx: Db,
  step: {
    evaluationId: number;
    actorId: number;
    action: ReviewActionKind;
    fromStatus: EvaluationStatus;
    toStatus: EvaluationStatus;
    comment: string;
  },
) {
  const [{ id }] = await tx.insert(reviewActions).values(step).returning({ id: reviewActions.id });
  return id;
}

/** Keeps what a finalised evaluation showed at 定稿 (replacing an older snapshot). */
export async function writeEvaluationSnapshot(
  tx: Db,
  { evaluationId, content }: { evaluationId: number; content: FrozenEvaluation },
) {
  await tx
    .insert(evaluationSnapshots)
    .values({ evaluationId, content })
    .onConflictDoUpdate({ target: evaluationSnapshots.evaluationId, set: { content, createdAt: new Date() } });
}

/** A reopened evaluation is live again: its snapshot goes. */
export async function deleteEvaluationSnapshot(tx: Db, { evaluationId }: { evaluationId: number }) {
  await tx.delete(evaluationSnapshots).where(eq(evaluationSnapshots.evaluationId, evaluationId));
}

/** Finalised evaluations without a snapshot: finalised before snapshots existed (an upgrade). */
export async function finalisedWithoutSnapshot(db: Db): Promise<number[]> {
  const rows = await db
    .select({ id: evaluations.id })
    .from(evaluations)
    .leftJoin(evaluationSnapshots, eq(evaluationSnapshots.evaluationId, evaluations.id))
    .where(and(eq(evaluations.status, 'finalized'), isNull(evaluationSnapshots.evaluationId)));
  return rows.map((r) => r.id);
}
