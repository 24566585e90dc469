import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadYearBundles } from '@/db/queries/evaluations';
import { auditLog, evaluationYears } from '@/db/schema';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { scoreStored } from '@/lib/evaluations/sheet';
import { formatRate, formatScore } from '@/lib/format';
import { departmentReport } from '@/lib/reports/department-report';
import { departmentReportDocx, evaluationReportDocx } from '@/lib/reports/docx';
import { evaluationReport } from '@/lib/reports/report-model';
import { capInWords, missesTarget } from '@/lib/scoring';
import { docxText } from './docx-text';
import { arrange, rowsOf } from './helpers';
import { completeDraft, testWorld, WORKED_EXAMPLE } from './world';

const world = testWorld({ each: true });

const REPORT = {
  overview: '项目用于委托专业机构开展安全生产检查。\n全年分四个批次实施。',
  deviation: '汛期影响是主要原因。',
  problems: '检查计划安排偏紧。',
  application: '结果用于下年度预算安排。',
};

/** The worked example with row 2 far above its target and 14 of 21.5 万元 spent, under the integrated scheme (cap and deduction). */
async function filledUnderIntegrated() {
  await arrange(world.db, (tx) => tx.update(evaluationYears).set({ scheme: 'integrated' }));
  const id = await world.evaluationOf(WORKED_EXAMPLE);
  const draft = await completeDraft(world, id);
  ['27', '70', '405', null, '96', '93'].forEach((v, i) => v && (draft.indicators[i].value = v));
  draft.indicators[3].parts = ['4', '1'];
  draft.indicators[0].explanation = '受汛期影响，部分检查顺延。';
  draft.indicators[1].explanation = '新增危化品专项检查。';
  draft.budgetExecuted = '14';
  draft.budgetExplanation = '部分合同款项次年支付。';
  expect(await world.run(saveDraftOperation, world.actors.owner1, { ...draft, report: REPORT })).toMatchObject({
    ok: true,
  });
  return id;
}

describe('the 自评报告 view model', () => {
  it('drafts every section from the evaluation, with the free text where the owner wrote it', async () => {
    const id = await filledUnderIntegrated();
    const bundle = await world.bundle(id);
    const { result } = scoreStored(bundle);
    const report = evaluationReport(bundle, result);
    const p = result.precision;

    expect(report.sections.map((s) => s.heading)).toEqual([
      '一、项目基本情况',
      '二、绩效目标完成情况',
      '三、偏差原因分析',
      '四、存在的问题及改进措施',
      '五、自评结果及应用',
    ]);
    const [basic, achieved, deviation, problems, results] = report.sections;
    expect(basic.parts.map((part) => part.heading)).toEqual([
      '（一）项目概况',
      '（二）资金投入和使用情况',
      '（三）绩效目标',
    ]);
    expect(basic.parts[0].free?.text).toBe(REPORT.overview);
    expect(basic.parts[1].paragraphs[0]).toBe(
      `项目年初预算数21.50万元（其中财政拨款21.50万元），全年预算数21.50万元，全年执行数14.00万元，预算执行率${formatRate(result.budget.rate)}。`,
    );
    expect(basic.parts[1].paragraphs[1]).toBe('预算执行偏差原因：部分合同款项次年支付。');

    // 二: one sentence per indicator with its target, actual, points and score, grouped by level.
    const sentences = achieved.parts.flatMap((part) => part.paragraphs);
    bundle.indicators.forEach((ind, i) => {
      const scored = result.indicators[i];
      const sentence = sentences.find((s) => s.includes(`${ind.name}：`))!;
      expect(sentence).toContain(`年度指标值为“${ind.annualTargetText}”`);
      expect(sentence).toContain(`分值${formatScore(scored.points)}分，得分${formatScore(scored.selfScore, p)}分`);
    });
    expect(achieved.parts.map((part) => part.heading)).toEqual([
      null,
      '（一）产出指标完成情况',
      '（二）满意度指标完成情况',
    ]);
    expect(sentences.find((s) => s.includes('委托机构、专家检查'))).toContain('其中按评分方案超额完成扣2.00分');

    // 三: exactly the rows that missed their targets, each with its explanation, then the over-achieved row and the budget.
    const missed = bundle.indicators.filter((_, i) => missesTarget(result.indicators[i].explanationReasons));
    expect(missed.map((ind) => ind.position)).toEqual([1, 4, 6]);
    const [head, ...rest] = deviation.parts[0].paragraphs;
    expect(head).toBe('未达到年度指标值的指标共3项：');
    expect(rest[0]).toBe(`1. ${missed[0].name}（年度指标值“30家”，实际完成值27家）：受汛期影响，部分检查顺延。`);
    expect(rest[2]).toMatch(/^3\. 受检查企业满意度（.*）：尚未填写偏差原因。$/);
    expect(rest).toContain('完成值明显超过年度指标值的指标共1项：');
    expect(rest.at(-1)).toBe('预算执行：预算执行率低于90%。原因：部分合同款项次年支付。');
    expect(deviation.parts[0].free?.text).toBe(REPORT.deviation);
    expect(problems.parts[0].free?.text).toBe(REPORT.problems);

    // 五: the total, the grade, the cap in force and the deduction, from the engine.
    expect(result.cap).not.toBeNull();
    const [total, cap, deducted, status] = results.parts[0].paragraphs;
    expect(total).toContain(
      `项目总分${formatScore(result.selfTotal, p)}分（满分100.00分），自评等级为“${result.selfGrade}”`,
    );
    expect(cap).toBe(
      `预算执行率为${formatRate(result.budget.rate)}，按评分方案${capInWords(result.cap!)}（封顶前自评总分${formatScore(result.selfTotalBeforeCap, p)}分）。`,
    );
    expect(deducted).toBe('按评分方案，完成值超过年度指标值较多的1项指标共扣2.00分。');
    expect(status).toBe('自评当前状态为“草稿”，尚未定稿。');
    expect(results.parts[1]).toMatchObject({ heading: '（二）结果应用', free: { text: REPORT.application } });
    expect([report.total, report.grade]).toEqual([formatScore(result.selfTotal, p), result.selfGrade]);
  });

  it('says what is still missing on an untouched evaluation', async () => {
    const bundle = await world.bundle(await world.evaluationOf(WORKED_EXAMPLE));
    const report = evaluationReport(bundle, scoreStored(bundle).result);
    expect(report.total).toBeNull();
    expect(report.sections[2].parts[0].paragraphs).toEqual(['另有6项指标尚未填写实际完成值。']);
    expect(report.sections[4].parts[0].paragraphs).toEqual(['自评尚未保存，暂无得分。']);
    expect(report.sections[1].parts[0].paragraphs).toEqual(['年度总体目标完成情况：尚未填写']);
  });
});

describe('the 自评报告 sections are saved with the draft', () => {
  it('audits each changed section, keeps them when a save leaves them out, and refuses an over-long one by field', async () => {
    const id = await filledUnderIntegrated();
    const changes = await rowsOf(world.db, auditLog, and(eq(auditLog.evaluationId, id), eq(auditLog.action, 'update')));
    expect(changes.filter((c) => c.field?.startsWith('自评报告·')).map((c) => [c.field, c.newValue])).toEqual([
      ['自评报告·项目概况', REPORT.overview],
      ['自评报告·偏差原因补充分析', REPORT.deviation],
      ['自评报告·存在的问题及改进措施', REPORT.problems],
      ['自评报告·自评结果应用', REPORT.application],
    ]);
    const draft = await completeDraft(world, id);
    delete draft.report;
    expect(await world.run(saveDraftOperation, world.actors.owner1, draft)).toMatchObject({ ok: true });
    expect((await world.bundle(id)).evaluation.reportProblems).toBe(REPORT.problems);

    const long = { ...(await completeDraft(world, id)), report: { ...REPORT, problems: '问'.repeat(10_001) } };
    const refused = await world.run(saveDraftOperation, world.actors.owner1, long);
    expect(refused).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { 'report.problems': expect.stringMatching(/10000/) },
    });
  });
});

describe('the .docx', () => {
  it('holds the project, its score and grade, every indicator, each free text and the 自评表 as a table, in A4', async () => {
    const id = await filledUnderIntegrated();
    const bundle = await world.bundle(id);
    const { result } = scoreStored(bundle);
    const { text, xml, entries } = await docxText(await evaluationReportDocx(evaluationReport(bundle, result)));
    for (const heading of [
      '一、项目基本情况',
      '二、绩效目标完成情况',
      '三、偏差原因分析',
      '四、存在的问题及改进措施',
      '五、自评结果及应用',
    ])
      expect(text.split('\n')).toContain(heading);
    expect(text).toContain(WORKED_EXAMPLE);
    expect(text).toContain(`项目总分${formatScore(result.selfTotal, 2)}分`);
    expect(text).toContain(`自评等级为“${result.selfGrade}”`);
    for (const ind of bundle.indicators) expect(text).toContain(ind.name);
    for (const line of Object.values(REPORT).flatMap((t) => t.split('\n'))) expect(text.split('\n')).toContain(line);
    expect(text).toContain('附件：项目支出绩效自评表');
    expect(xml).toContain('<w:tbl>');
    expect(xml).toMatch(/<w:vMerge w:val="restart"\/>/);
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(xml).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    expect(entries.get('word/styles.xml')).toContain('w:eastAsia="仿宋_GB2312"');
    // The tables' text is 宋体 through its paragraph style.
    expect(entries.get('word/styles.xml')).toMatch(/w:styleId="TableText".*?w:eastAsia="宋体"/s);
    expect(xml).toContain('<w:pStyle w:val="TableText"/>');
    expect(entries.get('word/fontTable.xml')).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
  });

  it('the department report: a summary of every project of the department, then each project', async () => {
    await filledUnderIntegrated();
    const bundles = await loadYearBundles(world.db, { user: world.actors.head, year: 2024 });
    expect(bundles).toHaveLength(17);
    const report = departmentReport({
      year: 2024,
      department: bundles[0].departmentName,
      entries: bundles.map((bundle) => ({ bundle, result: scoreStored(bundle).result })),
    });
    expect(report.summary.map((r) => r.project)).toEqual(bundles.map((b) => b.project.name));
    expect(report.intro[0]).toMatch(/^广州市白云区应急管理局2024年度共有17个项目开展绩效自评/);
    const { text } = await docxText(await departmentReportDocx(report));
    const lines = text.split('\n');
    const summaryAt = lines.indexOf('二、项目自评汇总表');
    for (const bundle of bundles) {
      const titleAt = lines.indexOf(`${bundle.project.name}绩效自评报告`);
      expect(titleAt, bundle.project.name).toBeGreaterThan(summaryAt);
      expect(lines.indexOf(bundle.project.name)).toBeGreaterThan(summaryAt);
    }
  });
});
