import 'server-only';
import { transaction, type Db } from '@/db';
import { dataStepDone, markDataStepDone } from '@/db/queries/data-steps';
import { refreshFiguresOfEvaluations } from '@/db/queries/department-figures';
import { scoredByEngine } from '@/db/queries/evaluation-list';
import { writeEvaluation, yearBundleBatches } from '@/db/queries/evaluations';
import { schemeOfYear, scoreStored } from '@/lib/evaluations/sheet';
import { engineFlags } from './flags';

/** The data step that stores the flags of evaluations scored before flags were stored (the migration that added evaluation_flags). */
export const FLAGS_BACKFILL_STEP = 'evaluation_flags_backfill';

/**
 * Stores the 值得关注 flags of every evaluation that has cached scores, once per database (`npm start`
 * runs it after migrating): a batch per transaction, so a large database is never locked for long.
 * Returns how many evaluations it went through, or null when the step had run already.
 */
export async function backfillEvaluationFlags(db: Db): Promise<number | null> {
  if (await dataStepDone(db, { name: FLAGS_BACKFILL_STEP })) return null;
  let seen = 0;
  for await (const batch of yearBundleBatches(db, { where: scoredByEngine, batchSize: 500 })) {
    await transaction(db, async (tx) => {
      for (const bundle of batch) {
        const flags = engineFlags(scoreStored(bundle).result, schemeOfYear(bundle.year.scheme));
        await writeEvaluation(tx, {
          evaluationId: bundle.evaluation.id,
          evaluation: {},
          results: [],
          flags,
          figuresLater: true,
        });
      }
      // The figures count the flags: once per batch, not per evaluation.
      await refreshFiguresOfEvaluations(tx, { evaluationIds: batch.map((b) => b.evaluation.id) });
    });
    seen += batch.length;
  }
  await transaction(db, (tx) => markDataStepDone(tx, { name: FLAGS_BACKFILL_STEP }));
  return seen;
}
