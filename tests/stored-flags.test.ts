import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '@/db';
import { evaluationFlags, evaluations, projects, REVIEWER_FLAG_KINDS } from '@/db/schema';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { refreshFlags, refreshFlagsOf, refreshStaleFlags } from '@/lib/flags/stored';
import { rolloverOperation } from '@/lib/years/rollover';
import { expectFiguresFresh } from './figures-check';
import { arrange, rowsOf } from './helpers';
import { bringTo, completeDraft, testWorld, WORKED_EXAMPLE } from './world';

/**
 * The reviewer's 值得关注 flags as lib/flags/stored.ts stores them (the definitions themselves are
 * lib/flags/definitions.test.ts): refreshed one evaluation at a time, as a commit does, or many in a
 * few statements, as the start's job and the bench do, they end the same.
 */
const world = testWorld();
const SHARED = '已按年度计划完成全部工作任务并通过验收';
const OTHERS = ['队伍装备基础设施建设专项经费', '三防专项经费'];
let everyEvaluation: number[] = [];
let lastYearsCopy = 0;

const evaluationIn = async (year: number, name: string) =>
  (
    await world.db
      .select({ id: evaluations.id })
      .from(evaluations)
      .innerJoin(projects, eq(projects.id, evaluations.projectId))
      .where(and(eq(projects.year, year), eq(projects.name, name)))
  )[0].id;

async function saveWithSharedText(evaluationId: number) {
  const draft = await completeDraft(world, evaluationId);
  draft.indicators[0].explanation = SHARED;
  expect(await world.run(saveDraftOperation, world.actors.owner1, draft)).toMatchObject({ ok: true });
}

beforeAll(async () => {
  expect(await world.run(rolloverOperation, world.actors.finance, { fromYear: 2024 })).toMatchObject({ ok: true });
  for (const name of [WORKED_EXAMPLE, ...OTHERS]) await saveWithSharedText(await evaluationIn(2024, name));
  const lastYear = await evaluationIn(2024, WORKED_EXAMPLE);
  lastYearsCopy = await evaluationIn(2025, WORKED_EXAMPLE);
  await saveWithSharedText(lastYearsCopy);
  await bringTo(world, lastYear, 'submitted', { from: 'filled draft' });
  await bringTo(world, lastYearsCopy, 'submitted', { from: 'filled draft' });
  // The cached total the comparison reads: 30 points below last year's.
  await arrange(world.db, (tx) =>
    tx.update(evaluations).set({ selfScore: '70.00' }).where(eq(evaluations.id, lastYearsCopy)),
  );
  everyEvaluation = (await rowsOf(world.db, evaluations)).map((e) => e.id);
});

const reviewerFlags = async () =>
  (await rowsOf(world.db, evaluationFlags, inArray(evaluationFlags.kind, [...REVIEWER_FLAG_KINDS])))
    .map(({ id: _id, ...flag }) => JSON.stringify(flag))
    .sort();

const withoutReviewerFlags = () =>
  arrange(world.db, async (tx) => {
    await tx.delete(evaluationFlags).where(inArray(evaluationFlags.kind, [...REVIEWER_FLAG_KINDS]));
    await tx.update(evaluations).set({ flagsVersion: 0 });
  });

describe('the stored reviewer flags', () => {
  it('are the same refreshed one at a time, all at once, and by the start’s job in batches', async () => {
    await withoutReviewerFlags();
    for (const evaluationId of everyEvaluation) await transaction(world.db, (tx) => refreshFlags(tx, { evaluationId }));
    const alone = await reviewerFlags();
    const kinds = alone.map((f) => JSON.parse(f) as { evaluationId: number; kind: string; detail: string });
    // The three 2024 projects share the text; 2025 has it once. The copy fell 30 points.
    expect(kinds.filter((f) => f.kind === 'repeated_explanation')).toHaveLength(3);
    for (const f of kinds.filter((f) => f.kind === 'repeated_explanation'))
      expect(f.detail).toMatch(/^第1行说明与「.+」第1行、「.+」第1行相同$/);
    expect(kinds.filter((f) => f.kind === 'year_change')).toEqual([
      expect.objectContaining({ evaluationId: lastYearsCopy, detail: expect.stringContaining('下降 30.00 分') }),
    ]);

    await withoutReviewerFlags();
    await transaction(world.db, (tx) => refreshFlagsOf(tx, { evaluationIds: everyEvaluation }));
    expect(await reviewerFlags()).toEqual(alone);
    await expectFiguresFresh(world.db);

    await withoutReviewerFlags();
    let done = 0;
    for (let n; (n = await refreshStaleFlags(world.db, { limit: 7 })) > 0;) done += n;
    expect(done).toBe(everyEvaluation.length);
    expect(await reviewerFlags()).toEqual(alone);
  });

  it('of next year’s copy follow when last year’s score changes', async () => {
    const lastYear = await evaluationIn(2024, WORKED_EXAMPLE);
    await arrange(world.db, (tx) =>
      tx.update(evaluations).set({ selfScore: '72.00' }).where(eq(evaluations.id, lastYear)),
    );
    await transaction(world.db, (tx) => refreshFlags(tx, { evaluationId: lastYear }));
    const flags = (await reviewerFlags()).map((f) => JSON.parse(f) as { evaluationId: number; kind: string });
    // Its 72 against the copy's 70: no change worth a flag on the copy any more.
    expect(flags.filter((f) => f.kind === 'year_change')).toEqual([]);
    expect(flags.filter((f) => f.kind === 'repeated_explanation')).toHaveLength(3);
    await expectFiguresFresh(world.db);
  });
});
