import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { evaluations, evaluationYears, indicatorResults, projects } from '@/db/schema';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { scoreStored } from '@/lib/evaluations/sheet';
import { approveOperation, finalizeOperation, submitOperation } from '@/lib/evaluations/transitions';
import { buildSelfEvaluationWorkbook } from '@/lib/exports/workbooks';
import { formatChineseDate } from '@/lib/format';
import { fenToWanYuan } from '@/lib/money';
import { groupSpans } from '@/lib/targets/grouping';
import { arrange, rowOf as storedRow, rowsOf } from './helpers';
import { completeDraft, reviewDraft, testWorld, WORKED_EXAMPLE } from './world';

const world = testWorld({ each: true });

/** The worked example typed in, explained, submitted, approved, reviewed on row 1 and finalised. */
async function finalisedWorkedExample() {
  const { owner1, head, finance } = world.actors;
  const id = await world.evaluationOf(WORKED_EXAMPLE);
  const draft = await completeDraft(world, id);
  ['27', '52', '405', null, '96', '93'].forEach((value, i) => {
    if (value !== null) draft.indicators[i].value = value;
  });
  draft.indicators[3].parts = ['4', '1'];
  for (const i of [0, 3, 5]) draft.indicators[i].explanation = '受汛期影响，部分检查顺延至次年一季度完成。';
  draft.budgetExecuted = '20';
  draft.goalActual = '全年完成专项整治，检查企业27家。';
  const ok = async (p: Promise<{ ok: boolean }>) => expect((await p).ok).toBe(true);
  await ok(world.run(saveDraftOperation, owner1, draft));
  await ok(world.run(submitOperation, owner1, { evaluationId: id, version: 2 }));
  await ok(world.run(approveOperation, head, { evaluationId: id, version: 3, comment: '' }));
  await ok(world.run(reviewScoresOperation, finance, await reviewDraft(world, id, { 0: ['12', '佐证材料不足'] })));
  await ok(world.run(finalizeOperation, finance, { evaluationId: id, version: 5, comment: '' }));
  return id;
}

async function openSheet(id: number) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildSelfEvaluationWorkbook(await world.bundle(id))) as unknown as ExcelJS.Buffer);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0];
}

const rowOf = (ws: ExcelJS.Worksheet, text: string, column = 1) => {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(column).value === text) return r;
  throw new Error(`no row with ${text}`);
};
const valuesOf = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);
/** The 自评表's indicator columns up to 得分, as the Ministry of Finance layout has them. */
const INDICATOR_HEADINGS = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'];
const FUNDS_HEADINGS = ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];
const num = (s: string | null) => (s === null ? null : Number(s));

describe('项目支出绩效自评表 workbook of a finalised evaluation', () => {
  it('has the Ministry of Finance blocks, and every number is the engine’s and the database’s', async () => {
    const id = await finalisedWorkedExample();
    const bundle = await world.bundle(id);
    const { result } = scoreStored(bundle);
    const ws = await openSheet(id);

    expect(ws.getCell('A1').value).toBe('项目支出绩效自评表（2024年度）');
    expect(ws.model.merges).toContain('A1:J1');
    expect(valuesOf(ws, rowOf(ws, '项目名称'))).toEqual([
      '项目名称',
      '项目名称',
      WORKED_EXAMPLE,
      ...Array(7).fill(WORKED_EXAMPLE),
    ]);
    const header = valuesOf(ws, rowOf(ws, '主管部门'));
    expect([header[2], header[5], header[7]]).toEqual([
      '广州市白云区应急管理局',
      '实施单位',
      '广州市白云区应急管理局（本级）',
    ]);

    const fundsHeader = rowOf(ws, '项目资金（万元）');
    expect(valuesOf(ws, fundsHeader).slice(2)).toEqual([...FUNDS_HEADINGS, '复核得分', '复核意见']);
    const total = ws.getRow(fundsHeader + 1);
    expect(total.getCell(1).value).toBe('年度资金总额');
    expect([3, 4, 5, 6, 7, 8].map((c) => total.getCell(c).value)).toEqual([
      num(result.budget.initial),
      num(result.budget.adjusted),
      num(result.budget.executed),
      num(result.budget.points),
      num(result.budget.rate),
      num(result.budget.computedScore),
    ]);
    expect([21.5, 21.5, 20, 10]).toEqual([3, 4, 5, 6].map((c) => total.getCell(c).value));
    expect(total.getCell(3).numFmt).toBe('#,##0.00');
    expect(total.getCell(7).numFmt).toBe('0.00%');
    expect(total.getCell(8).numFmt).toBe('0.00');
    const fiscal = ws.getRow(fundsHeader + 2);
    expect([fiscal.getCell(1).value, fiscal.getCell(3).value, fiscal.getCell(5).value]).toEqual([
      '其中：财政拨款',
      fenToWanYuan(bundle.project.budgetFiscalFen).toNumber(),
      null,
    ]);
    expect(ws.getRow(fundsHeader + 3).getCell(1).value).toBe('年度总体目标');

    const goal = rowOf(ws, '年度总体目标');
    expect([ws.getRow(goal).getCell(2).value, ws.getRow(goal).getCell(6).value]).toEqual(['预期目标', '实际完成情况']);
    expect([ws.getRow(goal + 1).getCell(2).value, ws.getRow(goal + 1).getCell(6).value]).toEqual([
      bundle.project.goal,
      '全年完成专项整治，检查企业27家。',
    ]);
    expect(ws.model.merges).toEqual(
      expect.arrayContaining([`A${goal}:A${goal + 1}`, `B${goal + 1}:E${goal + 1}`, `F${goal + 1}:J${goal + 1}`]),
    );

    const head = rowOf(ws, '一级指标');
    expect(valuesOf(ws, head)).toEqual([...INDICATOR_HEADINGS, '偏差原因分析及改进措施', '复核得分', '复核意见']);
    const stored = await rowsOf(world.db, indicatorResults, eq(indicatorResults.evaluationId, id));
    bundle.indicators.forEach((ind, i) => {
      const row = ws.getRow(head + 1 + i);
      const scored = result.indicators[i];
      const cached = stored.find((r) => r.indicatorId === ind.id)!;
      expect(row.getCell(1).value).toBe(ind.level1Name);
      expect(row.getCell(2).value).toBe(ind.level2Name);
      expect(row.getCell(3).value).toBe(ind.name);
      expect(row.getCell(4).value).toBe(ind.annualTargetText);
      expect(row.getCell(6).value).toBe(Number(scored.points));
      expect(row.getCell(7).value).toBe(Number(scored.selfScore));
      expect(row.getCell(7).value).toBe(Number(cached.computedScore));
      expect(row.getCell(9).value).toBe(num(scored.reviewedScore));
      expect(row.getCell(9).value).toBe(num(cached.reviewedScore));
      expect(row.getCell(6).numFmt).toBe('0.00');
    });
    expect([ws.getCell(`E${head + 1}`).value, ws.getCell(`E${head + 4}`).value]).toEqual(['27家', '4次；1个']);
    // The owner's explanation and finance's 复核意见 each in a column of their own.
    expect([ws.getCell(`H${head + 1}`).value, ws.getCell(`J${head + 1}`).value]).toEqual([
      '受汛期影响，部分检查顺延至次年一季度完成。',
      '佐证材料不足',
    ]);
    expect(ws.getCell(`J${head + 2}`).value).toBe('');

    // Merged 一级 / 二级 cells exactly where the published grouping puts them.
    const expectedMerges = groupSpans(bundle.indicators).flatMap(({ level1Span, level2Span }, i) => [
      ...(level1Span > 1 ? [`A${head + 1 + i}:A${head + i + level1Span}`] : []),
      ...(level2Span > 1 ? [`B${head + 1 + i}:B${head + i + level2Span}`] : []),
    ]);
    expect(expectedMerges.length).toBeGreaterThan(0);
    expect(ws.model.merges).toEqual(expect.arrayContaining(expectedMerges));
    const merged = ws.getCell(`A${head + 2}`);
    expect(merged.isMerged && merged.master.address).toBe(`A${head + 1}`);

    const totals = rowOf(ws, '总分');
    const saved = (await storedRow(world.db, evaluations, eq(evaluations.id, id)))!;
    expect([6, 7, 9].map((c) => ws.getRow(totals).getCell(c).value)).toEqual([
      100,
      Number(result.selfTotal),
      Number(result.finalTotal),
    ]);
    expect([Number(saved.selfScore), Number(saved.finalScore)]).toEqual([
      Number(result.selfTotal),
      Number(result.finalTotal),
    ]);
    const grades = rowOf(ws, '等级');
    expect([ws.getRow(grades).getCell(7).value, ws.getRow(grades).getCell(9).value]).toEqual([
      saved.selfGrade,
      saved.finalGrade,
    ]);
    expect(ws.getRow(grades + 1).getCell(1).value).toBe(
      `状态：已定稿　自评得分：${Number(result.selfTotal).toFixed(2)}（${result.selfGrade}）　最终得分：${Number(result.finalTotal).toFixed(2)}（${result.finalGrade}）`,
    );
  });

  it('prints on A4 landscape, one page wide, the indicator header on every page, with widths and wrapped, bordered, bold headers', async () => {
    const ws = await openSheet(await finalisedWorkedExample());
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    const head = rowOf(ws, '一级指标');
    expect(ws.pageSetup.printTitlesRow).toBe(`${head}:${head}`);
    expect(ws.headerFooter).toMatchObject({
      oddHeader: `&L${WORKED_EXAMPLE}&R项目支出绩效自评表（2024年度）`,
      oddFooter: '&C第 &P 页 共 &N 页',
    });
    expect(ws.columns.map((c) => c.width)).toEqual([10, 12, 24, 20, 18, 10, 10, 34, 10, 26]);
    const header = ws.getCell(`A${head}`);
    expect(header.font.bold).toBe(true);
    expect(header.border.top?.style).toBe('thin');
    expect(ws.getCell(`C${head + 1}`).alignment.wrapText).toBe(true);
  });

  it('ends with the signature block: 填报人 (the owner), 联系电话, 填报日期 (the day submitted), 单位负责人, 单位（盖章）', async () => {
    const id = await finalisedWorkedExample();
    const bundle = await world.bundle(id);
    const ws = await openSheet(id);
    const status = rowOf(ws, '等级') + 1;
    expect(String(ws.getRow(status).getCell(1).value)).toMatch(/^状态：已定稿/);
    const line = (r: number) => [
      ...new Set((ws.getRow(r).values as unknown[]).slice(1).filter((v) => v !== null && v !== undefined)),
    ];
    expect(line(status + 1)).toEqual([]);
    expect(line(status + 2)).toEqual([
      `填报人：${bundle.ownerName}`,
      '联系电话：',
      `填报日期：${formatChineseDate(bundle.evaluation.submittedAt!)}`,
    ]);
    expect(line(status + 4)).toEqual(['单位负责人（签字）：', '单位（盖章）']);
    expect(ws.model.merges).toEqual(
      expect.arrayContaining([`A${status + 2}:C${status + 2}`, `G${status + 4}:J${status + 4}`]),
    );
    expect(ws.rowCount).toBe(status + 4);
  });

  it('without any reviewed score there is no 复核得分 column; an untouched draft has no scores yet', async () => {
    const id = await world.evaluationOf(WORKED_EXAMPLE);
    const ws = await openSheet(id);
    const head = rowOf(ws, '一级指标');
    // The published eight columns, none of them blank: finance's two come with its first reviewed score.
    expect(valuesOf(ws, head)).toEqual([...INDICATOR_HEADINGS, '偏差原因分析及改进措施']);
    expect(valuesOf(ws, rowOf(ws, '项目资金（万元）')).slice(2)).toEqual(FUNDS_HEADINGS);
    expect(ws.columns).toHaveLength(8);
    expect(ws.getRow(head + 1).getCell(7).value).toBeNull();
    expect(ws.getRow(rowOf(ws, '总分')).getCell(7).value).toBeNull();
    expect(ws.getRow(rowOf(ws, '等级') + 1).getCell(1).value).toBe('状态：草稿');
    expect(ws.getRow(rowOf(ws, '等级') + 3).getCell(6).value).toBe('填报日期：　　年　　月　　日');
  });

  it('lists only the fund sources a project has, whole scores at precision 0, and a deduction with its reason', async () => {
    const id = await world.evaluationOf(WORKED_EXAMPLE);
    const projectId = (await world.bundle(id)).project.id;
    await arrange(world.db, (tx) =>
      tx
        .update(projects)
        .set({ budgetFiscalFen: 15_000_000, budgetSpecialFen: 0, budgetOtherFen: 6_500_000 })
        .where(eq(projects.id, projectId)),
    );
    await arrange(world.db, (tx) =>
      tx
        .update(evaluationYears)
        .set({ scheme: { base: 'national', precision: 0 } })
        .where(eq(evaluationYears.year, 2024)),
    );
    const draft = await completeDraft(world, id);
    draft.indicators[0].value = '27';
    draft.indicators[0].explanation = '受汛期影响';
    draft.indicators[0].deduction = { enabled: true, score: '10', reason: '佐证材料不全' };
    draft.budgetAdjusted = '25';
    expect((await world.run(saveDraftOperation, world.actors.owner1, draft)).ok).toBe(true);
    const { result } = scoreStored(await world.bundle(id));
    const ws = await openSheet(id);
    const funds = rowOf(ws, '年度资金总额');
    const cells = (r: number) => [1, 3, 4, 5].map((c) => ws.getRow(r).getCell(c).value);
    expect(cells(funds + 1)).toEqual(['其中：财政拨款', 15, null, null]);
    expect(cells(funds + 2)).toEqual(['其他资金', 6.5, null, null]);
    expect(ws.getRow(funds + 3).getCell(1).value).toBe('年度总体目标');
    expect(ws.getRow(funds).getCell(4).value).toBe(25);
    expect(ws.getRow(funds).getCell(8).numFmt).toBe('0');
    const first = ws.getRow(rowOf(ws, '一级指标') + 1).getCell(7);
    expect([first.value, first.numFmt]).toEqual([Number(result.indicators[0].selfScore), '0']);
    expect([result.indicators[0].computedScore, result.indicators[0].selfScore]).toEqual(['14', '10']);
    expect(ws.getRow(rowOf(ws, '一级指标') + 1).getCell(8).value).toBe('受汛期影响\n调减理由：佐证材料不全');
  });
});
