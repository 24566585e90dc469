import 'server-only';
import { transaction, type Db } from '@/db';
import {
  deleteEvaluationSnapshot,
  finalisedWithoutSnapshot,
  listReviewActions,
  loadEvaluationBundle,
  writeEvaluation,
  writeEvaluationSnapshot,
  type EvaluationBundle,
} from '@/db/queries/evaluations';
import type { IndicatorResult } from '@/db/schema';
import type { EvaluationResult } from '@/lib/scoring';
import { cachedScores, schemeOfYear, scoreStored } from './sheet';
import type { FrozenEvaluation } from './frozen-types';

/**
 * A finalised evaluation is frozen. At 定稿, inside its transaction, everything its views and
 * exports read (the evaluation, its project, department and owner names, the year with its scheme,
 * the indicators and their results, the 流转记录 with its people's names) is kept as one snapshot
 * together with the engine's result the cached scores were written from. From then on every view
 * and export renders from the snapshot (`shownEvaluation`), so a rename, a scheme edit or a change
 * to the scoring code never alters the record, and the lists' cached scores (written from the same
 * result in the same transaction) always agree with it. Leaving 定稿 (reopening) deletes it.
 */

type Steps = Awaited<ReturnType<typeof listReviewActions>>;

/** Dates as epoch milliseconds, the results map as a list: what JSON keeps exactly. */
function toJson(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, toJson(v)]));
  return value;
}

/** Every `…At` field (createdAt, finalizedAt…) back to a Date. */
function revive<T>(value: unknown): T {
  if (Array.isArray(value)) return value.map(revive) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        /At$/.test(key) && typeof v === 'number' ? new Date(v) : revive(v),
      ]),
    ) as T;
  return value as T;
}

export function freezeEvaluation(bundle: EvaluationBundle, result: EvaluationResult, steps: Steps): FrozenEvaluation {
  const { results, snapshot: _previous, ...rest } = bundle;
  return {
    format: 1,
    bundle: toJson({ ...rest, results: [...results.values()] }) as Record<string, unknown>,
    result,
    steps: toJson(steps) as Array<Record<string, unknown>>,
  };
}

function thawBundle(frozen: FrozenEvaluation): EvaluationBundle {
  const { results, ...rest } = revive<Omit<EvaluationBundle, 'results'> & { results: IndicatorResult[] }>(
    frozen.bundle,
  );
  return { ...rest, results: new Map(results.map((r) => [r.indicatorId, r])), snapshot: frozen };
}

/**
 * What a view or export of an evaluation shows: a finalised one as it was at 定稿, any other as it is
 * now, scored by the engine. The live status and version stay (the workflow reads them).
 */
export function shownEvaluation(bundle: EvaluationBundle): { bundle: EvaluationBundle; result: EvaluationResult } {
  const frozen = bundle.evaluation.status === 'finalized' ? bundle.snapshot : null;
  if (!frozen) return { bundle, result: scoreStored(bundle).result };
  const thawed = thawBundle(frozen);
  return {
    bundle: {
      ...thawed,
      evaluation: { ...thawed.evaluation, status: 'finalized', version: bundle.evaluation.version },
    },
    result: frozen.result,
  };
}

/**
 * The project a title or a file name names: as it was at 定稿 for a finalised evaluation, the live one
 * otherwise (without scoring anything, unlike shownEvaluation).
 */
export function shownProject(bundle: Pick<EvaluationBundle, 'evaluation' | 'project' | 'snapshot'>) {
  const frozen = bundle.evaluation.status === 'finalized' ? bundle.snapshot : null;
  return frozen ? revive<EvaluationBundle['project']>(frozen.bundle.project) : bundle.project;
}

/** The 流转记录 a page shows: as it was at 定稿 for a finalised evaluation, the live one otherwise. */
export function shownSteps(bundle: EvaluationBundle, live: Steps): Steps {
  const frozen = bundle.evaluation.status === 'finalized' ? bundle.snapshot : null;
  return frozen ? revive<Steps>(frozen.steps) : live;
}

/**
 * Called by commitEvaluation inside the transaction of every workflow step, after its writes: a step
 * to 定稿 takes the snapshot of what was just written; a step out of 定稿 (a reopen) discards it.
 */
export async function keepSnapshotInStep(
  tx: Db,
  { evaluationId, from, to, result }: { evaluationId: number; from: string; to: string; result: EvaluationResult },
) {
  if (to === 'finalized') {
    const written = (await loadEvaluationBundle(tx, { evaluationId }))!;
    const steps = await listReviewActions(tx, { evaluationId });
    await writeEvaluationSnapshot(tx, { evaluationId, content: freezeEvaluation(written, result, steps) });
  } else if (from === 'finalized') {
    await deleteEvaluationSnapshot(tx, { evaluationId });
  }
}

/**
 * The data step of the upgrade that introduced snapshots (scripts/start.ts runs it after migrating):
 * evaluations finalised before then are frozen as they show now, and their cached scores rewritten
 * from the same result, so that the two agree from then on.
 */
export async function freezeUnfrozenFinalised(db: Db): Promise<number> {
  const ids = await finalisedWithoutSnapshot(db);
  for (const evaluationId of ids) {
    await transaction(db, async (tx) => {
      const bundle = (await loadEvaluationBundle(tx, { evaluationId }))!;
      const { result } = scoreStored(bundle);
      await writeEvaluation(tx, { evaluationId, ...cachedScores(bundle, result, schemeOfYear(bundle.year.scheme)) });
      await keepSnapshotInStep(tx, { evaluationId, from: 'finalized', to: 'finalized', result });
    });
  }
  return ids.length;
}
