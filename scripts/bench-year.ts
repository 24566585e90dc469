import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import { transaction, type Db } from '@/db';
import { markDataStepDone } from '@/db/queries/data-steps';
import { refreshDepartmentFigures, refreshFiguresOfEvaluations } from '@/db/queries/department-figures';
import { ensureDepartment } from '@/db/queries/departments';
import { writeEvaluation, yearBundleBatches } from '@/db/queries/evaluations';
import { projectScopeCondition } from '@/db/queries/projects';
import { insertYear } from '@/db/queries/years';
import { inChunks } from '@/db/rows';
import { auditLog, evaluations, indicatorResults, indicators, projects, reviewActions } from '@/db/schema';
import { keepSnapshotInStep } from '@/lib/evaluations/frozen';
import { refreshFlagsOf } from '@/lib/flags/stored';
import { notifyStep } from '@/lib/notifications/notify';
import { FLAGS_BACKFILL_STEP } from '@/lib/overview/backfill-flags';
import { indicatorTargets, projectTargets, targetsSummary } from '@/lib/targets/import-table';
import { planEvaluation, type Plan } from './bench-year-plan';
import { createSyntheticStructure, targetState, type DepartmentWriter, type SyntheticActors } from './synthetic-year';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * The benchmark's year, built in bulk: the same target tables, people and end states as
 * `buildSyntheticYear` (scripts/synthetic-year.ts), but each evaluation's steps (save, submit,
 * return, approve, review, finalise) are played in memory with the operations' own pure parts (the
 * draft's preparation, the engine, the cached scores, the workflow table), and the rows they end with
 * are written a batch of evaluations per transaction through the ordinary queries; a finalised one
 * is frozen by the same `keepSnapshotInStep`. tests/bench-year.test.ts checks that every row is what
 * the real operations store.
 */

/** Many rows in few statements: SQLite takes at most 32,766 bound values per statement. */
async function insertMany<T extends SQLiteTable>(tx: Db, table: T, rows: Array<T['$inferInsert']>) {
  const perStatement = Math.floor(30_000 / Object.keys(getTableColumns(table)).length);
  for (const part of inChunks(rows, perStatement)) await tx.insert(table as SQLiteTable).values(part);
}

/**
 * A batch of plans written as their commits would leave them: each evaluation's columns and flags by
 * writeEvaluation, the results, 流转记录 and audit entries of the whole batch in a few multi-row
 * inserts (in the order the operations would have inserted them), then the 定稿 snapshots.
 */
async function writePlans(tx: Db, plans: Plan[]) {
  for (const { evaluationId, evaluation, flags } of plans)
    await writeEvaluation(tx, { evaluationId, evaluation, results: [], flags, figuresLater: true });
  const rows = plans.flatMap(({ evaluationId, results }) => results.map((r) => ({ ...r, evaluationId })));
  await insertMany(tx, indicatorResults, rows);
  const steps = plans.flatMap(({ evaluationId, writes }) =>
    writes.flatMap((w) =>
      w.kind === 'step'
        ? [
            {
              evaluationId,
              actorId: w.actorId,
              action: w.action,
              fromStatus: w.from,
              toStatus: w.to,
              comment: w.comment,
            },
          ]
        : [],
    ),
  );
  await insertMany(tx, reviewActions, steps);
  const entries = plans.flatMap(({ evaluationId, writes }) =>
    writes.flatMap((w) =>
      w.kind === 'audit' ? w.changes.map((c) => ({ ...c, actorId: w.actorId, evaluationId, action: w.action })) : [],
    ),
  );
  await insertMany(tx, auditLog, entries);
  // The 值得关注 flags and the notices by the real functions, as every commit refreshes and sends them.
  // (refreshFlagsOf gives each what refreshing it alone after its commit gives.)
  const flagged = await refreshFlagsOf(tx, { evaluationIds: plans.map((p) => p.evaluationId), figuresLater: true });
  for (const { notices } of plans) for (const notice of notices) await notifyStep(tx, notice);
  await refreshFiguresOfEvaluations(tx, { evaluationIds: flagged });
  for (const { evaluationId, frozenResult } of plans)
    if (frozenResult)
      await keepSnapshotInStep(tx, { evaluationId, from: 'dept_approved', to: 'finalized', result: frozenResult });
}

/**
 * Every evaluation of the year filled as fillEvaluations would (same order, same drafts, same end
 * states), a batch of `batchSize` evaluations per transaction.
 */
export async function bulkFillEvaluations(
  db: Db,
  { year, actors, batchSize = 500 }: { year: number; actors: SyntheticActors; batchSize?: number },
) {
  const statuses: Record<string, number> = {};
  let indicators = 0;
  let i = 0;
  const where = and(eq(projects.year, year), projectScopeCondition(actors.finance));
  for await (const batch of yearBundleBatches(db, { where, batchSize })) {
    const plans: Plan[] = [];
    for (const bundle of batch) {
      const goal = targetState(i);
      statuses[goal.status] = (statuses[goal.status] ?? 0) + 1;
      indicators += bundle.indicators.length;
      const plan = planEvaluation(bundle, i++, actors);
      if (plan) plans.push(plan);
    }
    await transaction(db, (tx) => writePlans(tx, plans));
  }
  return { indicators, statuses };
}

/**
 * One department's table as importTargetTable writes it into an empty year (the year, the department,
 * each project with its indicators, its empty evaluation and its `targets_imported` audit entry), in a
 * few multi-row inserts, the owner set from the start.
 */
const bulkDepartment: DepartmentWriter = async (tx, { table, year, addPeople }) => {
  await insertYear(tx, { year, scheme: 'national' });
  const departmentId = await ensureDepartment(tx, { name: table.department });
  const { ownerId } = await addPeople(departmentId);
  const targets = table.projects.map(indicatorTargets);
  const rows = table.projects.map((p, position) => ({
    ...projectTargets(p, position, table.implementingUnit),
    year,
    departmentId,
    ownerId,
    indicatorCount: targets[position].length,
  }));
  await insertMany(tx, projects, rows);
  const ids = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.year, year), eq(projects.departmentId, departmentId)))
    .orderBy(asc(projects.position));
  await insertMany(
    tx,
    indicators,
    ids.flatMap(({ id }, i) => targets[i].map((row) => ({ ...row, projectId: id }))),
  );
  await insertMany(
    tx,
    evaluations,
    ids.map(({ id }) => ({ projectId: id })),
  );
  await insertMany(
    tx,
    auditLog,
    ids.map(({ id }, i) => ({
      actorId: null,
      action: 'targets_imported' as const,
      entityType: 'project' as const,
      entityId: id,
      field: '绩效目标表导入',
      oldValue: null,
      newValue: targetsSummary(targets[i]),
    })),
  );
  await refreshDepartmentFigures(tx, { year, departmentIds: [departmentId] });
  return departmentId;
};

/** `npm run bench`'s year: the synthetic structure and every evaluation, in bulk. */
export async function buildBenchYear(db: Db, args: { year: number; projectCount: number; password?: string }) {
  const actors = await createSyntheticStructure(db, args, bulkDepartment);
  const filled = await bulkFillEvaluations(db, { year: args.year, actors });
  // Its flags are stored as the commits store them: the start's one-off backfill has nothing to do.
  await transaction(db, (tx) => markDataStepDone(tx, { name: FLAGS_BACKFILL_STEP }));
  return filled;
}
