import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import { transaction, type Db } from '@/db';
import type { AuditChange } from '@/db/queries/audit';
import { ensureDepartment } from '@/db/queries/departments';
import {
  writeEvaluation,
  yearBundleBatches,
  type EvaluationBundle,
  type EvaluationColumns,
  type ResultColumns,
} from '@/db/queries/evaluations';
import { projectScopeCondition } from '@/db/queries/projects';
import { insertYear } from '@/db/queries/years';
import {
  auditLog,
  evaluations,
  indicatorResults,
  indicators,
  projects,
  reviewActions,
  type AuditAction,
  type EngineFlagKind,
  type EvaluationStatus,
  type IndicatorResult,
  type ReviewActionKind,
} from '@/db/schema';
import type { SessionUser } from '@/lib/auth/scope';
import { workflowScope } from '@/lib/evaluations/authorize';
import { describeScore } from '@/lib/evaluations/engine-input';
import { keepSnapshotInStep } from '@/lib/evaluations/frozen';
import { prepareDraft } from '@/lib/evaluations/save-draft';
import { cachedScores, schemeOfYear, scoreStored, sheetOf } from '@/lib/evaluations/sheet';
import { STATUS_LABELS } from '@/lib/roles';
import type { EvaluationResult } from '@/lib/scoring';
import { indicatorTargets, projectTargets, targetsSummary } from '@/lib/targets/import-table';
import { decide } from '@/lib/workflow/state-machine';
import {
  createSyntheticStructure,
  draftFor,
  targetState,
  type DepartmentWriter,
  type SyntheticActors,
} from './synthetic-year';
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

interface Commit {
  user: SessionUser;
  evaluation?: EvaluationColumns;
  results?: ResultColumns[];
  step?: { action: ReviewActionKind; comment: string };
  audit: Array<{ action: AuditAction; changes: AuditChange[] }>;
  result: EvaluationResult;
}

/** What one evaluation ends with: the columns to write, its workflow steps and audit entries, in order. */
interface Plan {
  evaluationId: number;
  evaluation: EvaluationColumns;
  results: Array<{ indicatorId: number } & ResultColumns>;
  flags: Array<{ kind: EngineFlagKind; ordinal: number; detail: string }>;
  writes: Array<
    | {
        kind: 'step';
        actorId: number;
        action: ReviewActionKind;
        from: EvaluationStatus;
        to: EvaluationStatus;
        comment: string;
      }
    | { kind: 'audit'; actorId: number; action: AuditAction; changes: AuditChange[] }
  >;
  /** Set when it ends finalised: the result its snapshot keeps. */
  frozenResult: EvaluationResult | null;
}

/** A result row before its first write, as the schema's defaults make it. */
const NEW_RESULT: Omit<IndicatorResult, 'indicatorId'> = {
  id: 0,
  evaluationId: 0,
  actual: null,
  explanation: '',
  deductionScore: null,
  deductionReason: null,
  reviewedScore: null,
  reviewedReason: null,
  points: null,
  rate: null,
  computedScore: null,
  finalScore: null,
  updatedAt: null,
};

/** The evaluation as the steps so far have left it, and what writing it takes. */
class Playback {
  readonly plan: Plan;
  private lastResult: EvaluationResult | null = null;

  constructor(private bundle: EvaluationBundle) {
    this.plan = {
      evaluationId: bundle.evaluation.id,
      evaluation: {},
      results: [],
      flags: [],
      writes: [],
      frozenResult: null,
    };
  }

  /** What commitEvaluation writes for a commit: the operation's columns with the engine's numbers, the version moved on. */
  private apply(commit: Commit) {
    const b = this.bundle;
    const now = new Date();
    const scores = cachedScores(b, commit.result, schemeOfYear(b.year.scheme));
    const evaluation = {
      ...commit.evaluation,
      ...scores.evaluation,
      version: b.evaluation.version + 1,
      updatedAt: now,
      updatedById: commit.user.id,
    };
    const results = new Map(b.results);
    scores.results.forEach((scored, i) => {
      const was = results.get(scored.indicatorId) ?? { ...NEW_RESULT, indicatorId: scored.indicatorId };
      results.set(scored.indicatorId, { ...was, ...commit.results?.[i], ...scored });
    });
    for (const { action, changes } of commit.audit)
      if (changes.length > 0) this.plan.writes.push({ kind: 'audit', actorId: commit.user.id, action, changes });
    const from = b.evaluation.status;
    this.bundle = { ...b, evaluation: { ...b.evaluation, ...evaluation }, results };
    if (commit.step) {
      const to = this.bundle.evaluation.status;
      this.plan.writes.push({ kind: 'step', actorId: commit.user.id, ...commit.step, from, to });
      this.plan.frozenResult = to === 'finalized' ? commit.result : null;
    }
    Object.assign(this.plan.evaluation, evaluation);
    this.plan.results = this.bundle.indicators.map((ind) => {
      const { id: _id, evaluationId: _e, ...columns } = this.bundle.results.get(ind.id)!;
      return columns;
    });
    this.plan.flags = scores.flags;
    this.lastResult = commit.result;
  }

  save(user: SessionUser, seed: number) {
    const prepared = prepareDraft(draftFor(this.bundle, seed), { bundle: this.bundle, sheet: sheetOf(this.bundle) });
    if (!prepared.ok) throw new Error(`save ${this.plan.evaluationId}: ${prepared.message}`);
    this.apply({ user, ...prepared.change, audit: [{ action: 'update', changes: prepared.changes }] });
  }

  /** A workflow step as transitionOperation commits it; the numbers are unchanged unless a return clears a review. */
  step(user: SessionUser, action: 'submit' | 'approve' | 'return' | 'finalize', comment = '') {
    const decision = decide(user, workflowScope(this.bundle), action);
    if (!decision.allowed) throw new Error(`${action} ${this.plan.evaluationId}: ${decision.reason}`);
    const { to } = decision;
    const from = this.bundle.evaluation.status;
    const now = new Date();
    const clearReview = action === 'return';
    const field = comment ? `状态（意见：${comment}）` : '状态';
    this.apply({
      user,
      evaluation: {
        status: to,
        ...(action === 'submit' ? { submittedAt: now } : {}),
        ...(action === 'finalize' ? { finalizedAt: now } : {}),
        ...(clearReview ? { budgetReviewedScore: null, budgetReviewedReason: null } : {}),
      },
      results: clearReview ? this.bundle.indicators.map(() => ({ reviewedScore: null, reviewedReason: null })) : [],
      step: { action, comment },
      audit: [
        {
          action: 'transition',
          changes: [
            {
              entityType: 'evaluation',
              entityId: this.plan.evaluationId,
              field,
              oldValue: STATUS_LABELS[from],
              newValue: STATUS_LABELS[to],
            },
          ],
        },
      ],
      result: clearReview ? scoreStored(this.bundle, { withoutReview: true }).result : this.lastResult!,
    });
  }

  /** Finance's reviewed score on the first indicator, as reviewScoresOperation commits it. */
  review(user: SessionUser, score: string, reason: string) {
    const [first] = this.bundle.indicators;
    const was = this.bundle.results.get(first.id)!;
    const reviewed = { ...this.bundle, results: new Map(this.bundle.results) };
    reviewed.results.set(first.id, { ...was, reviewedScore: score, reviewedReason: reason });
    const before = was.reviewedScore === null ? null : { score: was.reviewedScore, reason: was.reviewedReason ?? '' };
    this.apply({
      user,
      evaluation: { budgetReviewedScore: null, budgetReviewedReason: null },
      results: this.bundle.indicators.map((ind) => {
        const r = reviewed.results.get(ind.id)!;
        return { reviewedScore: r.reviewedScore, reviewedReason: r.reviewedReason };
      }),
      audit: [
        {
          action: 'review',
          changes: [
            {
              entityType: 'indicator_result',
              entityId: first.id,
              field: `第1行“${first.name}” 复核得分`,
              oldValue: describeScore(before) || null,
              newValue: describeScore({ score, reason }),
            },
          ],
        },
      ],
      result: scoreStored(reviewed).result,
    });
  }
}

/** The steps of the i-th evaluation of the year, as fillEvaluations takes them through the operations. */
function planEvaluation(bundle: EvaluationBundle, i: number, actors: SyntheticActors): Plan | null {
  const goal = targetState(i);
  if (goal.status === 'untouched') return null;
  const owner = actors.ownerOf(bundle.project.departmentId);
  const head = actors.headOf(bundle.project.departmentId);
  const play = new Playback(bundle);
  play.save(owner, i);
  if (goal.status === 'draft') return play.plan;
  play.step(owner, 'submit');
  if (goal.status === 'returned') play.step(head, 'return', '请补充佐证材料');
  if (goal.status === 'returned' || goal.status === 'submitted') return play.plan;
  play.step(head, 'approve');
  if (goal.status === 'dept_approved') return play.plan;
  if (goal.review) play.review(actors.finance, '5', '佐证材料不足');
  play.step(actors.finance, 'finalize');
  return play.plan;
}

/** Many rows in few statements: SQLite takes at most 32,766 bound values per statement. */
async function insertMany<T extends SQLiteTable>(tx: Db, table: T, rows: Array<T['$inferInsert']>) {
  const perStatement = Math.floor(30_000 / Object.keys(getTableColumns(table)).length);
  for (let i = 0; i < rows.length; i += perStatement)
    await tx.insert(table as SQLiteTable).values(rows.slice(i, i + perStatement));
}

/**
 * A batch of plans written as their commits would leave them: each evaluation's columns and flags by
 * writeEvaluation, the results, 流转记录 and audit entries of the whole batch in a few multi-row
 * inserts (in the order the operations would have inserted them), then the 定稿 snapshots.
 */
async function writePlans(tx: Db, plans: Plan[]) {
  for (const { evaluationId, evaluation, flags } of plans)
    await writeEvaluation(tx, { evaluationId, evaluation, results: [], flags });
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
  const rows = table.projects.map((p, position) => ({
    ...projectTargets(p, position, table.implementingUnit),
    year,
    departmentId,
    ownerId,
  }));
  await insertMany(tx, projects, rows);
  const ids = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.year, year), eq(projects.departmentId, departmentId)))
    .orderBy(asc(projects.position));
  const targets = table.projects.map(indicatorTargets);
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
  return departmentId;
};

/** `npm run bench`'s year: the synthetic structure and every evaluation, in bulk. */
export async function buildBenchYear(db: Db, args: { year: number; projectCount: number; password?: string }) {
  const actors = await createSyntheticStructure(db, args, bulkDepartment);
  return bulkFillEvaluations(db, { year: args.year, actors });
}
