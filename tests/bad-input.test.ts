import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import type { EvaluationDraft } from '@/lib/evaluations/form-schema';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { rowsOf } from './helpers';
import { completeDraft, testWorld, WORKED_EXAMPLE } from './world';

const world = testWorld();
let id: number;
let equipmentId: number;
beforeAll(async () => {
  id = await world.evaluationOf(WORKED_EXAMPLE);
  equipmentId = await world.evaluationOf('队伍装备基础设施建设专项经费');
});

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

type Case = [string, (d: EvaluationDraft) => void, string, RegExp];
const CASES: Case[] = [
  ['a word instead of a number', (d) => (d.indicators[0].value = '二十七'), 'indicators.0.value', /请输入数字/],
  ['a negative number', (d) => (d.indicators[0].value = '-5'), 'indicators.0.value', /不能为负数/],
  ['an exponent', (d) => (d.indicators[1].value = '1e5'), 'indicators.1.value', /请输入数字/],
  ['a negative compound part', (d) => (d.indicators[3].parts = ['4', '-1']), 'indicators.3.parts.1', /不能为负数/],
  ['a budget with more than six decimals', (d) => (d.budgetExecuted = '20.1234567'), 'budgetExecuted', /金额/],
  ['a zero 全年预算数', (d) => (d.budgetAdjusted = '0'), 'budgetAdjusted', /须大于0/],
  ['an amount too large to hold to the 分', (d) => (d.budgetExecuted = '99999999999'), 'budgetExecuted', /金额过大/],
  ['a 10 MB explanation', (d) => (d.indicators[0].explanation = TEN_MB), 'indicators.0.explanation', /不能超过2000字/],
  ['a 10 MB 实际完成情况', (d) => (d.goalActual = TEN_MB), 'goalActual', /不能超过5000字/],
  [
    'a deduction above the computed score',
    (d) => (d.indicators[1].deduction = { enabled: true, score: '16', reason: '酌情' }),
    'indicators.1.deduction.score',
    /./,
  ],
  [
    'a deduction without a reason',
    (d) => (d.indicators[1].deduction = { enabled: true, score: '14', reason: '' }),
    'indicators.1.deduction.reason',
    /理由/,
  ],
];

describe('bad input through the server: a clear field message, nothing stored', () => {
  it.each(CASES)('%s', async (_name, mutate, field, message) => {
    const before = await world.bundle(id);
    const draft = await completeDraft(world, id);
    mutate(draft);
    const result = await world.run(saveDraftOperation, world.actors.owner1, draft);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('invalid');
    expect(result.fieldErrors?.[field]).toMatch(message);
    const after = await world.bundle(id);
    expect(after.evaluation).toEqual(before.evaluation);
    expect([...after.results.values()]).toEqual([...before.results.values()]);
  });

  it('a qualitative percent outside its tier’s band is refused with the band in words', async () => {
    const draft = await completeDraft(world, equipmentId);
    draft.indicators[5] = { ...draft.indicators[5], tier: '部分达成', percent: '85' };
    const result = await world.run(saveDraftOperation, world.actors.owner1, draft);
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { 'indicators.5.percent': expect.stringContaining('60%（含）至80%（不含）') },
    });
  });

  it('indicators that are not the project’s are refused', async () => {
    const draft = await completeDraft(world, id);
    draft.indicators[0].indicatorId = 999_999;
    expect(await world.run(saveDraftOperation, world.actors.owner1, draft)).toMatchObject({
      ok: false,
      code: 'invalid',
    });
  });

  it('input of the wrong shape is refused by the schema', async () => {
    for (const raw of [
      null,
      'text',
      { evaluationId: 'x' },
      { ...(await completeDraft(world, id)), indicators: 'all' },
    ]) {
      expect(await world.run(saveDraftOperation, world.actors.owner1, raw)).toMatchObject({
        ok: false,
        code: 'invalid',
      });
    }
  });

  it('retyping an amount in another spelling (21.50 for 21.5) is not recorded as a change', async () => {
    const draft = await completeDraft(world, id);
    draft.budgetAdjusted = '21.5';
    expect((await world.run(saveDraftOperation, world.actors.owner1, draft)).ok).toBe(true);
    const entries = async () => (await rowsOf(world.db, auditLog, eq(auditLog.field, '全年预算数（万元）'))).length;
    const before = await entries();
    expect(
      (
        await world.run(saveDraftOperation, world.actors.owner1, {
          ...draft,
          version: (await world.bundle(id)).evaluation.version,
          budgetAdjusted: '21.50',
        })
      ).ok,
    ).toBe(true);
    expect(await entries()).toBe(before);
  });

  it('HTML and script are stored as plain text, exactly as typed', async () => {
    const draft = await completeDraft(world, id);
    const html = '<script>alert("x")</script><b>完成</b> & “引号”';
    draft.goalActual = html;
    draft.indicators[0].explanation = html;
    expect((await world.run(saveDraftOperation, world.actors.owner1, draft)).ok).toBe(true);
    const b = await world.bundle(id);
    expect(b.evaluation.goalActual).toBe(html);
    expect(b.results.get(b.indicators[0].id)?.explanation).toBe(html);
  });

  it('a reviewed score outside 0…points, or without a reason, is refused', async () => {
    const b = await world.bundle(id);
    const base = { evaluationId: id, version: b.evaluation.version, budget: { score: '', reason: '' } };
    const line = (score: string, reason: string) =>
      b.indicators.map((ind, i) => ({
        indicatorId: ind.id,
        score: i === 0 ? score : '',
        reason: i === 0 ? reason : '',
      }));
    // Review is a finance step on a dept-approved evaluation; the state check comes first for a draft.
    expect(
      await world.run(reviewScoresOperation, world.actors.finance, { ...base, indicators: line('16', '过高') }),
    ).toMatchObject({ ok: false, code: 'state' });
    expect(
      await world.run(reviewScoresOperation, world.actors.finance, { ...base, indicators: line('10', '') }),
    ).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { 'indicators.0.reason': '设置复核得分时须填写理由' } });
  });
});
