import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadYearBundles, type EvaluationBundle } from '@/db/queries/evaluations';
import { shownEvaluation } from '@/lib/evaluations/frozen';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { exportedEvaluation, type ExportResult } from '@/lib/exports/export-scores';
import { buildBenchYear } from '@/scripts/bench-year';
import { completeDraft, createWorld, WORKED_EXAMPLE, type World } from './world';

/**
 * The year exports take a live evaluation's numbers from its cached scores when it has no reviewed
 * score: for every evaluation of a bench year (every state, reviews, returns) and of the seed (with a
 * judgment deduction saved), what they show must be exactly what the engine gives now.
 */
function projection(result: ExportResult): ExportResult {
  const { precision, selfTotal, finalTotal, selfGrade, finalGrade } = result;
  return {
    precision,
    selfTotal,
    finalTotal,
    selfGrade,
    finalGrade,
    budget: { rate: result.budget.rate },
    indicators: result.indicators.map(({ points, rate, selfScore, reviewedScore, finalScore, missingActual }) => ({
      points,
      rate,
      selfScore,
      reviewedScore,
      finalScore,
      missingActual,
    })),
  };
}

let world: World;
let bundles: EvaluationBundle[];

beforeAll(async () => {
  world = await createWorld();
  const id = await world.evaluationOf(WORKED_EXAMPLE);
  const draft = await completeDraft(world, id);
  draft.indicators[0] = {
    ...draft.indicators[0],
    deduction: { enabled: true, score: '1', reason: '部分成果质量不足' },
  };
  const saved = await world.run(saveDraftOperation, world.actors.owner1, draft);
  expect(saved.ok).toBe(true);
  await buildBenchYear(world.db, { year: 2031, projectCount: 60 });
  const { finance } = world.actors;
  bundles = [
    ...(await loadYearBundles(world.db, { user: finance, year: 2024 })),
    ...(await loadYearBundles(world.db, { user: finance, year: 2031 })),
  ];
}, 120_000);

afterAll(() => world.cleanup());

describe('the numbers a year export shows', () => {
  it('are the engine’s (or the 定稿 snapshot’s) for every evaluation, cached or not', () => {
    let cachedCount = 0;
    for (const bundle of bundles) {
      const exported = exportedEvaluation(bundle);
      const shown = shownEvaluation(bundle);
      // The engine's full result carries its errors; the cached one only what an export shows.
      if (!('errors' in exported.result)) cachedCount++;
      expect(projection(exported.result), bundle.project.name).toEqual(projection(shown.result));
      expect(exported.bundle).toEqual(shown.bundle);
    }
    // Most live evaluations come from their cache; the test would prove nothing otherwise.
    expect(cachedCount).toBeGreaterThan(30);
  });

  it('come from the cache for a draft with a judgment deduction, which the engine scores below its computed score', async () => {
    const [bundle] = await loadYearBundles(world.db, { user: world.actors.finance, year: 2024 }).then((all) =>
      all.filter((b) => b.project.name === WORKED_EXAMPLE),
    );
    const shown = shownEvaluation(bundle).result.indicators[0];
    expect(shown.selfScore).not.toBe(shown.computedScore);
    const exported = exportedEvaluation(bundle).result;
    expect('errors' in exported).toBe(false);
    expect(exported.indicators[0].selfScore).toBe(shown.selfScore);
  });
});
