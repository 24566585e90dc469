import { describe, expect, it } from 'vitest';
import { apiDraftSchema, apiReviewSchema, draftFromApi, reviewFromApi } from '@/lib/evaluations/api-input';
import { batchTransitionOperation } from '@/lib/evaluations/batch';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { approveOperation, submitOperation } from '@/lib/evaluations/transitions';
import { OWNER1_PROJECTS } from './seed-facts';
import { completeDraft, testWorld, WORKED_EXAMPLE } from './world';

const world = testWorld();

const versionOf = async (id: number) => (await world.bundle(id)).evaluation.version;
const step = async (id: number) => ({ evaluationId: id, version: await versionOf(id), comment: '' });

async function submitted(name: string) {
  const id = await world.evaluationOf(name);
  const { owner1 } = world.actors;
  expect((await world.run(saveDraftOperation, owner1, await completeDraft(world, id))).ok).toBe(true);
  expect((await world.run(submitOperation, owner1, await step(id))).ok).toBe(true);
  return id;
}

describe('batch decisions', () => {
  it('a batch 定稿 of five where one is in the wrong state: four done, one refused with the reason', async () => {
    const ids: number[] = [];
    for (const name of OWNER1_PROJECTS.slice(0, 5)) ids.push(await submitted(name));
    for (const id of ids.slice(0, 4))
      expect((await world.run(approveOperation, world.actors.head, await step(id))).ok).toBe(true);
    const items = await Promise.all(ids.map(async (id) => ({ id, version: await versionOf(id) })));
    const done = await world.run(batchTransitionOperation, world.actors.finance, {
      action: 'finalize',
      comment: '批量定稿',
      evaluations: items,
    });
    expect(done.ok).toBe(true);
    if (!done.ok) return;
    const { results } = done.data;
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    expect(results[4]).toMatchObject({ id: ids[4], ok: false, code: 'state' });
    expect(results[4].ok === false && results[4].message).toMatch(/已提交|定稿/);
    for (const id of ids.slice(0, 4)) expect((await world.bundle(id)).evaluation.status).toBe('finalized');
    expect((await world.bundle(ids[4])).evaluation.status).toBe('submitted');
    // A stale version is refused on its own, the rest unaffected.
    const again = await world.run(batchTransitionOperation, world.actors.head, {
      action: 'approve',
      comment: '',
      evaluations: [{ id: ids[4], version: items[4].version - 1 }],
    });
    expect(again).toMatchObject({ ok: true, data: { results: [{ id: ids[4], ok: false, code: 'conflict' }] } });
  });
  // Every kind of caller × each batch step: tests/permission-matrix.test.ts.
});

describe('the write API bodies', () => {
  it('a partial draft keeps what it leaves out; JSON numbers and decimal strings alike', async () => {
    const bundle = await world.bundle(await world.evaluationOf(WORKED_EXAMPLE));
    const [first, second] = bundle.indicators;
    const body = apiDraftSchema.parse({
      version: bundle.evaluation.version,
      budget: { executed: 21.5 },
      indicators: [{ indicatorId: second.id, actual: '3', explanation: '已完成' }],
    });
    const translated = draftFromApi(bundle, body);
    expect(translated.ok).toBe(true);
    if (!translated.ok) return;
    expect(translated.input.budgetExecuted).toBe('21.5');
    expect(translated.input.goalActual).toBe(bundle.evaluation.goalActual);
    const row = bundle.indicators.indexOf(second);
    expect(translated.input.indicators[row]).toMatchObject({ indicatorId: second.id, explanation: '已完成' });
    expect(translated.input.indicators[bundle.indicators.indexOf(first)].explanation).toBe('');
  });

  it('refuses an actual whose shape does not fit the target, and an indicator of another evaluation', async () => {
    let bundle = await world.bundle(1);
    for (let id = 2; !bundle.indicators.some((i) => i.parsedTarget.kind === 'qualitative'); id++)
      bundle = await world.bundle(id);
    const qualitative = bundle.indicators.findIndex((i) => i.parsedTarget.kind === 'qualitative');
    const quantitative = bundle.indicators.findIndex((i) => i.parsedTarget.kind === 'quantitative');
    const translated = draftFromApi(
      bundle,
      apiDraftSchema.parse({
        version: 1,
        indicators: [
          { indicatorId: bundle.indicators[qualitative].id, actual: 5 },
          { indicatorId: bundle.indicators[quantitative].id, actual: { tier: '达成' } },
          { indicatorId: 999_999 },
        ],
      }),
    );
    expect(translated).toEqual({
      ok: false,
      fieldErrors: {
        [`indicators.${qualitative}.actual`]: expect.stringContaining('定性指标'),
        [`indicators.${quantitative}.actual`]: expect.stringContaining('定量指标'),
        'indicators.2.indicatorId': '该指标不属于这份自评',
      },
    });
    expect(apiDraftSchema.safeParse({ version: 1, budget: { executed: 'abc' } }).success).toBe(false);
  });

  it('a review line sent replaces the stored one; a null score clears it; the budget line stays unless sent', async () => {
    const bundle = await world.bundle(await world.evaluationOf(WORKED_EXAMPLE));
    const translated = reviewFromApi(
      bundle,
      apiReviewSchema.parse({
        version: 3,
        indicators: [{ indicatorId: bundle.indicators[1].id, score: 4, reason: '佐证不足' }],
      }),
    );
    expect(translated).toMatchObject({ ok: true, input: { version: 3, budget: { score: '', reason: '' } } });
    if (translated.ok) {
      expect(translated.input.indicators[1]).toEqual({
        indicatorId: bundle.indicators[1].id,
        score: '4',
        reason: '佐证不足',
      });
      expect(translated.input.indicators).toHaveLength(bundle.indicators.length);
    }
  });
});
