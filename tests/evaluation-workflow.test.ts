import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, evaluations, indicatorResults } from '@/db/schema';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { approveOperation, finalizeOperation, returnOperation, submitOperation } from '@/lib/evaluations/transitions';
import { rowOf, rowsOf } from './helpers';
import { completeDraft, reviewDraft, testWorld, WORKED_EXAMPLE } from './world';

const world = testWorld({ each: true });

/** The rule book's worked example typed in as the owner would (scoring-rules.md § Worked example). */
async function workedExampleDraft(id: number) {
  const draft = await completeDraft(world, id);
  const values = ['27', '52', '405', null, '96', '93'];
  draft.indicators.forEach((entry, i) => {
    if (values[i] !== null) entry.value = values[i]!;
  });
  draft.indicators[3].parts = ['4', '1'];
  draft.budgetExecuted = '20';
  return draft;
}

describe('evaluation operations on a real database', () => {
  it('saves the worked example and stores the engine’s 93.73 and 优', async () => {
    const id = await world.evaluationOf(WORKED_EXAMPLE);
    const result = await world.run(saveDraftOperation, world.actors.owner1, await workedExampleDraft(id));
    expect(result).toMatchObject({ ok: true, data: { version: 2, selfTotal: '93.73', selfGrade: '优' } });
    const stored = (await rowOf(world.db, evaluations, eq(evaluations.id, id)))!;
    expect(stored).toMatchObject({
      selfScore: '93.73',
      selfGrade: '优',
      budgetExecutedFen: 20_000_000,
      version: 2,
      status: 'draft',
    });
    const rows = await rowsOf(world.db, indicatorResults, eq(indicatorResults.evaluationId, id));
    expect(rows.map((r) => r.computedScore).sort()).toEqual(['11.25', '13.5', '14.68', '15', '15', '15'].sort());
    const compound = rows.find((r) => Array.isArray(r.actual));
    expect(compound?.actual).toEqual(['4', '1']);
  });

  it('refuses submission naming each row whose explanation is missing, then accepts it once explained', async () => {
    const id = await world.evaluationOf(WORKED_EXAMPLE);
    await world.run(saveDraftOperation, world.actors.owner1, await workedExampleDraft(id));
    const refused = await world.run(submitOperation, world.actors.owner1, { evaluationId: id, version: 2 });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.message).toContain('第1行“委托专业机构检查企业家数”');
    expect(refused.message).toContain('第4行');
    expect(refused.message).toContain('第6行“受检查企业满意度”');
    expect(Object.keys(refused.fieldErrors ?? {}).sort()).toEqual([
      'indicators.0.explanation',
      'indicators.3.explanation',
      'indicators.5.explanation',
    ]);

    const draft = await workedExampleDraft(id);
    draft.version = 2;
    for (const i of [0, 3, 5]) draft.indicators[i].explanation = '受汛期影响，部分检查顺延至次年一季度完成。';
    expect((await world.run(saveDraftOperation, world.actors.owner1, draft)).ok).toBe(true);
    const submitted = await world.run(submitOperation, world.actors.owner1, { evaluationId: id, version: 3 });
    expect(submitted).toMatchObject({ ok: true, data: { version: 4 } });
    expect((await world.bundle(id)).evaluation.status).toBe('submitted');
  });

  it('runs the whole workflow: return with comment, resubmit, approve, review, finalise; then it is locked', async () => {
    const id = await world.evaluationOf(WORKED_EXAMPLE);
    const { owner1, head, finance } = world.actors;
    const draft = await completeDraft(world, id);
    expect((await world.run(saveDraftOperation, owner1, draft)).ok).toBe(true);
    expect((await world.run(submitOperation, owner1, { evaluationId: id, version: 2 })).ok).toBe(true);

    const noComment = await world.run(returnOperation, head, { evaluationId: id, version: 3, comment: '  ' });
    expect(noComment).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { comment: '请填写退回原因' } });
    expect(
      (await world.run(returnOperation, head, { evaluationId: id, version: 3, comment: '请补充佐证材料' })).ok,
    ).toBe(true);
    expect((await world.bundle(id)).evaluation.status).toBe('returned');

    expect(
      (
        await world.run(saveDraftOperation, owner1, {
          ...draft,
          version: 4,
          goalActual: '全年目标均已完成，佐证材料已补充。',
        })
      ).ok,
    ).toBe(true);
    expect((await world.run(submitOperation, owner1, { evaluationId: id, version: 5 })).ok).toBe(true);
    expect((await world.run(approveOperation, head, { evaluationId: id, version: 6, comment: '' })).ok).toBe(true);

    const review = await reviewDraft(world, id, { 0: ['12', '佐证材料不足'] });
    expect(review.version).toBe(7);
    const tooHigh = {
      ...review,
      indicators: review.indicators.map((l, i) => (i === 0 ? { ...l, score: '15.01' } : l)),
    };
    expect(await world.run(reviewScoresOperation, finance, tooHigh)).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { 'indicators.0.score': expect.stringContaining('15') },
    });
    expect(await world.run(reviewScoresOperation, finance, review)).toMatchObject({
      ok: true,
      data: { finalTotal: '97', finalGrade: '优' },
    });
    expect((await world.run(finalizeOperation, finance, { evaluationId: id, version: 8, comment: '' })).ok).toBe(true);
    const final = (await world.bundle(id)).evaluation;
    expect(final).toMatchObject({ status: 'finalized', selfScore: '100', finalScore: '97', finalGrade: '优' });

    for (const [op, actor, input] of [
      [saveDraftOperation, owner1, { ...draft, version: 9 }],
      [returnOperation, finance, { evaluationId: id, version: 9, comment: '再改' }],
      [reviewScoresOperation, finance, { ...review, version: 9 }],
    ] as const) {
      const result = await world.run(op as typeof saveDraftOperation, actor, input);
      expect(result).toMatchObject({ ok: false, code: 'state', message: '自评已定稿，不能再修改' });
    }
    const audit = await rowsOf(world.db, auditLog, eq(auditLog.evaluationId, id));
    expect(audit.filter((a) => a.action === 'transition').map((a) => a.newValue)).toEqual([
      '已提交',
      '已退回',
      '已提交',
      '部门已审核',
      '已定稿',
    ]);
    expect(audit.find((a) => a.action === 'review')).toMatchObject({ oldValue: null, newValue: '12（佐证材料不足）' });
  });

  it('a return by finance clears the reviewed scores, with an audit entry for each', async () => {
    const id = await world.evaluationOf(WORKED_EXAMPLE);
    const { owner1, head, finance } = world.actors;
    await world.run(saveDraftOperation, owner1, await completeDraft(world, id));
    await world.run(submitOperation, owner1, { evaluationId: id, version: 2 });
    await world.run(approveOperation, head, { evaluationId: id, version: 3, comment: '' });
    const review = await reviewDraft(world, id, { 1: ['10', '依据不足'] }, ['8', '执行偏慢']);
    expect(await world.run(reviewScoresOperation, finance, review)).toMatchObject({
      ok: true,
      data: { finalTotal: '93' },
    });
    expect(
      await world.run(returnOperation, finance, { evaluationId: id, version: 5, comment: '请补充材料' }),
    ).toMatchObject({ ok: true });
    const after = await world.bundle(id);
    expect([...after.results.values()].every((r) => r.reviewedScore === null && r.reviewedReason === null)).toBe(true);
    expect([after.evaluation.budgetReviewedScore, after.evaluation.finalScore, after.evaluation.status]).toEqual([
      null,
      '100',
      'returned',
    ]);
    const cleared = await rowsOf(world.db, auditLog, eq(auditLog.action, 'review_cleared'));
    expect(cleared.map((c) => c.oldValue).sort()).toEqual(['10（依据不足）', '8（执行偏慢）']);
  });

  it('two saves from the same version: one wins, the other gets the conflict, nothing is mixed', async () => {
    const id = await world.evaluationOf(WORKED_EXAMPLE);
    const first = await completeDraft(world, id);
    const second = await completeDraft(world, id);
    first.indicators[0].value = '31';
    first.goalActual = 'A';
    second.indicators[0].value = '29';
    second.indicators[1].value = '60';
    second.goalActual = 'B';
    const [a, b] = await Promise.all([
      world.run(saveDraftOperation, world.actors.owner1, first),
      world.run(saveDraftOperation, world.actors.owner1, second),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const loser = a.ok ? b : a;
    expect(loser).toMatchObject({ ok: false, code: 'conflict' });
    const bundle = await world.bundle(id);
    const winner = a.ok ? first : second;
    expect(bundle.evaluation.goalActual).toBe(winner.goalActual);
    expect(bundle.indicators.map((ind) => bundle.results.get(ind.id)?.actual)).toEqual(
      winner.indicators.map((e, i) => (i === 3 ? e.parts : e.value)),
    );
    expect(bundle.evaluation.version).toBe(2);
  });
});
