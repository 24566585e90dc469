import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { evaluationYears } from '@/db/schema';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { schemeOfYear, scoreStored } from '@/lib/evaluations/sheet';
import { selfEvaluationTable } from '@/lib/exports/self-evaluation-table';
import { buildSelfEvaluationWorkbook } from '@/lib/exports/workbooks';
import { scoreInterchange } from '@/lib/scoring';
import { updateYearOperation, whatIfOperation } from '@/lib/years/operations';
import { PRESET_FORMS, schemeToForm, type SchemeForm } from '@/lib/years/scheme-form';
import { atCurrentVersion } from './helpers';
import { completeDraft, testWorld, WORKED_EXAMPLE } from './world';

/** Issue 16 end to end below the browser: the year's scheme form, the what-if and the 自评表 under caps and deductions. */

const world = testWorld({ each: true });

const ACTUALS = ['27', '70', '405', null, '96', '93'];

/** The worked example with row 2 at 140 % of ≥50家 and 14 of 21.5 万元 spent (65.12 %). */
async function fillOverAchievedAndUnderspent() {
  const id = await world.evaluationOf(WORKED_EXAMPLE);
  const draft = await completeDraft(world, id);
  ACTUALS.forEach((v, i) => v && (draft.indicators[i].value = v));
  draft.indicators[3].parts = ['4', '1'];
  draft.budgetExecuted = '14';
  expect(await world.run(saveDraftOperation, world.actors.owner1, draft)).toMatchObject({ ok: true });
  return id;
}

/** The 2024 settings form as opened now (at the year's current version). */
const settings = async (scheme: SchemeForm) =>
  atCurrentVersion(world.db, 'year', 2024, { year: 2024, status: 'open' as const, deadline: '', scheme });
const custom = (changes: Partial<SchemeForm>): SchemeForm => ({
  ...PRESET_FORMS.national,
  preset: 'custom',
  ...changes,
});

describe('year settings: the second edition scheme settings', () => {
  it('what-if under integrated shows the cap and the deducted row, with the score command’s total', async () => {
    const id = await fillOverAchievedAndUnderspent();
    const result = await world.run(whatIfOperation, world.actors.finance, {
      year: 2024,
      scheme: PRESET_FORMS.integrated,
    });
    if (!result.ok) throw new Error(result.message);
    const row = result.data.rows.find((r) => r.id === id)!;
    const command = scoreInterchange({
      scheme: 'integrated',
      budget: { initial: 21.5, executed: 14 },
      indicators: ['30家', '≥50家', '405支', '≥4次，≥2个', '95%', '95%'].map((target, i) => ({
        level1: i === 5 ? '满意度指标' : '产出指标',
        name: `第${i + 1}项`,
        target,
        actual: i === 3 ? [4, 1] : Number(ACTUALS[i]),
      })),
    });
    if (!command.ok) throw new Error(JSON.stringify(command.errors));
    expect(command.output).toMatchObject({ totalBeforeCap: 88.94, total: 79, cap: { below: 70, maxTotal: 79 } });
    expect(row.current.total).toBe('90.94');
    expect(row.next).toMatchObject({
      total: String(command.output.total),
      totalBeforeCap: '88.94',
      cap: { below: 70, maxTotal: 79 },
      deductedRows: 1,
      grade: '中',
    });
  });

  it('saves the integrated preset by name and custom settings as values; reopens them in the form', async () => {
    const ok = await world.run(updateYearOperation, world.actors.finance, await settings(PRESET_FORMS.integrated));
    expect(ok).toMatchObject({ ok: true });
    const stored = async () =>
      (await world.db.select().from(evaluationYears).where(eq(evaluationYears.year, 2024)).limit(1))[0].scheme;
    expect(await stored()).toBe('integrated');
    expect(schemeToForm(schemeOfYear(await stored()))).toEqual(PRESET_FORMS.integrated);
    const caps = [
      { below: 85, maxTotal: 90 },
      { below: '60', maxTotal: '70.5' },
    ];
    const mine = custom({ precision: '1', overAchievementDeduction: '1.5' as never, executionCaps: caps as never });
    expect(await world.run(updateYearOperation, world.actors.finance, await settings(mine))).toMatchObject({
      ok: true,
    });
    expect(await stored()).toMatchObject({
      precision: 1,
      overAchievementDeduction: 1.5,
      executionCaps: [
        { below: 85, maxTotal: 90 },
        { below: 60, maxTotal: 70.5 },
      ],
    });
    expect(schemeToForm(schemeOfYear(await stored()))).toMatchObject({
      preset: 'custom',
      precision: '1',
      overAchievementDeduction: 1.5,
      executionCaps: [
        { below: 85, maxTotal: 90 },
        { below: 60, maxTotal: 70.5 },
      ],
    });
  });

  it('refuses unsorted, duplicate or out-of-range caps and a negative deduction, next to the field, in Chinese', async () => {
    const refuse = async (scheme: SchemeForm) => {
      const result = await world.run(updateYearOperation, world.actors.finance, await settings(scheme));
      expect(result.ok).toBe(false);
      return result.ok ? {} : (result.fieldErrors ?? {});
    };
    const cap = (below: number, maxTotal: number) => ({ below, maxTotal });
    expect(await refuse(custom({ executionCaps: [cap(70, 79), cap(80, 89)] }))).toEqual({
      'scheme.executionCaps.1.below': '封顶规则须按执行率从高到低排列（如 80、70、60、50），80%应排在70%之前',
    });
    expect(await refuse(custom({ executionCaps: [cap(80, 89), cap(80, 79)] }))).toEqual({
      'scheme.executionCaps.1.below': '与第1条封顶规则的执行率80%重复，每个执行率只能设一条',
    });
    expect(await refuse(custom({ executionCaps: [cap(80, 120)] }))).toMatchObject({
      'scheme.executionCaps.0.maxTotal': '不能大于100',
    });
    expect(await refuse(custom({ overAchievementDeduction: -2 }))).toMatchObject({
      'scheme.overAchievementDeduction': '不能小于0',
    });
    expect(await refuse(custom({ precision: '0', executionCaps: [cap(80, 89.5)] }))).toEqual({
      'scheme.executionCaps.0.maxTotal': '得分取整时，封顶总分89.5须为整数',
    });
  });
});

describe('项目支出绩效自评表 under the integrated preset', () => {
  it('prints the cap under the total and the deduction on its row (view model and workbook)', async () => {
    await world.run(updateYearOperation, world.actors.finance, await settings(PRESET_FORMS.integrated));
    const id = await fillOverAchievedAndUnderspent();
    const bundle = await world.bundle(id);
    const table = selfEvaluationTable(bundle, scoreStored(bundle).result);
    expect(table.selfTotal).toBe('79');
    expect(table.capNote).toBe('预算执行率低于70%，总分不超过79分（封顶前：自评88.94分）');
    expect(table.indicators[1]).toMatchObject({ score: '13', overAchievementDeduction: '2' });
    expect(table.indicators[1].note).toContain('超额完成扣分：按评分方案扣2分');
    expect(table.indicators.filter((line) => line.overAchievementDeduction !== null)).toHaveLength(1);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildSelfEvaluationWorkbook(await world.bundle(id))) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    const rows = Array.from({ length: ws.rowCount }, (_, r) => ws.getRow(r + 1));
    const total = rows.findIndex((row) => row.getCell(1).value === '总分');
    expect(rows[total].getCell(7).value).toBe(79);
    expect(rows[total + 1].getCell(1).value).toBe('执行率封顶');
    expect(rows[total + 1].getCell(6).value).toBe(table.capNote);
    const deducted = rows.find((row) => row.getCell(3).value === table.indicators[1].name)!;
    expect(deducted.getCell(7).value).toBe(13);
    expect(String(deducted.getCell(8).value)).toContain('超额完成扣分：按评分方案扣2分');
  });
});
