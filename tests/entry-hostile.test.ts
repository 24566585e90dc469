import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, evaluations, indicatorResults, indicators } from '@/db/schema';
import { confirmEntryImportOperation, previewEntryImportOperation } from '@/lib/entry/import-operations';
import { COLUMNS } from '@/lib/entry/layout';
import { NOT_A_WORKBOOK } from '@/lib/entry/read-workbook';
import { buildEntryWorkbook } from '@/lib/entry/write-workbook';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { buildSelfEvaluationWorkbook } from '@/lib/exports/workbooks';
import { workbookWithCellAt, zipBomb } from '@/lib/targets/hostile-workbooks';
import { parseTargetText } from '@/lib/targets/parse-target-text';
import { base64Of, openWorkbook, rowOfIndicator, rowWithKey } from './entry-support';
import { arrange, snapshotOf } from './helpers';
import { completeDraft, testWorld, type World } from './world';
import type ExcelJS from 'exceljs';

const world = testWorld();
const PROJECT = '队伍装备基础设施建设专项经费';
const TABLES = [evaluations, indicatorResults, auditLog];

type Bundle = Awaited<ReturnType<World['bundle']>>;

async function setup() {
  const id = await world.evaluationOf(PROJECT);
  const bundle = await world.bundle(id);
  const first = bundle.indicators.find((i) => i.parsedTarget.kind === 'quantitative')!;
  const qualitative = bundle.indicators.find((i) => i.parsedTarget.kind === 'qualitative')!;
  return { id, bundle, first, qualitative };
}

const target = (id: number) => ({ kind: 'evaluation' as const, evaluationId: id });

/** The project's fresh entry workbook, changed by `edit`, uploaded for a preview. */
async function uploadEdited(edit: (ws: ExcelJS.Worksheet, bundle: Bundle) => void | Promise<void>) {
  const { id, bundle } = await setup();
  const wb = await openWorkbook(await buildEntryWorkbook([bundle]));
  await edit(wb.worksheets[0], bundle);
  const content = await base64Of(wb);
  return {
    id,
    content,
    answer: await world.run(previewEntryImportOperation, world.actors.owner1, { target: target(id), content }),
  };
}

async function problemsOf(edit: Parameters<typeof uploadEdited>[0]) {
  const { answer } = await uploadEdited(edit);
  if (!answer.ok) throw new Error(answer.message);
  return answer.data.sheets.flatMap((s) => s.problems);
}

async function refusal(content: string) {
  const { id } = await setup();
  const answer = await world.run(previewEntryImportOperation, world.actors.owner1, { target: target(id), content });
  expect(answer.ok).toBe(false);
  return answer.ok ? '' : (answer.fieldErrors?.content ?? answer.message);
}

describe('uploads that cannot be imported say why, row by row, and save nothing', () => {
  it('letters in a number row: a row-level message; confirming is refused and nothing changes', async () => {
    const { first } = await setup();
    let row = 0;
    const { id, content, answer } = await uploadEdited((ws) => {
      const r = rowOfIndicator(ws, first.id);
      r.getCell(COLUMNS.value).value = '九十八';
      row = r.number;
    });
    if (!answer.ok) throw new Error(answer.message);
    expect(answer.data.sheets[0].problems).toEqual([
      { row, message: `第${row}行：“${first.name}”的实际完成值：请输入数字，如 95 或 95.5` },
    ]);
    const before = await snapshotOf(world.db, TABLES);
    const confirmed = await world.run(confirmEntryImportOperation, world.actors.owner1, {
      target: target(id),
      content,
      digest: answer.data.digest,
    });
    expect(confirmed).toMatchObject({ ok: false, code: 'invalid', message: '填报表中有 1 处问题，未导入任何内容' });
    expect(await snapshotOf(world.db, TABLES)).toBe(before);
  });

  it('a tier not in the list, a formula, a date', async () => {
    const { first, qualitative } = await setup();
    const problems = await problemsOf((ws) => {
      rowOfIndicator(ws, qualitative.id).getCell(COLUMNS.value).value = '基本达成';
      rowOfIndicator(ws, first.id).getCell(COLUMNS.value).value = { formula: '49*2', result: 98 } as ExcelJS.CellValue;
      const date = rowOfIndicator(ws, first.id).getCell(COLUMNS.explanation);
      date.value = new Date(2024, 11, 1);
      date.numFmt = 'yyyy-mm-dd';
    });
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/的偏差原因被 Excel 识别成了日期/),
      expect.stringMatching(/的实际完成值是公式，请填写数值/),
      expect.stringMatching(/评定等级“基本达成”不在下拉列表中，请选择达成、部分达成、未达成之一$/),
    ]);
  });

  it('rows removed, inserted, duplicated or reordered', async () => {
    const { bundle } = await setup();
    const [a, b, c] = bundle.indicators.filter((i) => i.parsedTarget.kind === 'quantitative');
    const removed = await problemsOf((ws) => ws.spliceRows(rowOfIndicator(ws, a.id).number, 1));
    expect(removed).toEqual([{ row: null, message: `“${a.name}”所在的行已被删除，填报表不能增删行` }]);
    const inserted = await problemsOf((ws) =>
      ws.spliceRows(rowOfIndicator(ws, a.id).number, 0, ['', '', '', '自己加的行']),
    );
    expect(inserted.map((p) => p.message)).toEqual([expect.stringMatching(/^第\d+行：是新增的行/)]);
    const duplicated = await problemsOf((ws) => {
      const values = rowOfIndicator(ws, a.id).values;
      ws.spliceRows(rowOfIndicator(ws, c.id).number, 0, values as ExcelJS.CellValue[]);
    });
    expect(duplicated.map((p) => p.message)).toEqual([expect.stringMatching(/^第\d+行：与第\d+行重复/)]);
    const swapped = await problemsOf((ws) => {
      const [rowB, rowC] = [rowOfIndicator(ws, b.id), rowOfIndicator(ws, c.id)];
      const [keyB, keyC] = [rowB.getCell(COLUMNS.key).value, rowC.getCell(COLUMNS.key).value];
      rowB.getCell(COLUMNS.key).value = keyC;
      rowC.getCell(COLUMNS.key).value = keyB;
    });
    expect(swapped.map((p) => p.message)).toEqual([expect.stringMatching(/行的顺序被调整过/)]);
  });

  it('another project’s workbook, and one exported before the target table changed', async () => {
    const { id, first } = await setup();
    const other = await world.bundle(await world.evaluationOf('三防专项经费'));
    const content = await base64Of(await openWorkbook(await buildEntryWorkbook([other])));
    const answer = await world.run(previewEntryImportOperation, world.actors.owner1, { target: target(id), content });
    expect(answer.ok && answer.data.sheets[0].problems[0].message).toMatch(
      /^上传的填报表属于另一个项目（“三防专项经费（2024年度）绩效自评填报表”），不是“队伍装备基础设施建设专项经费”的填报表$/,
    );

    const older = await buildEntryWorkbook([await world.bundle(id)]);
    await arrange(world.db, (tx) =>
      tx
        .update(indicators)
        .set({ annualTargetText: '≥99%', parsedTarget: parseTargetText('≥99%') })
        .where(eq(indicators.id, first.id)),
    );
    const stale = await world.run(previewEntryImportOperation, world.actors.owner1, {
      target: target(id),
      content: older.toString('base64'),
    });
    if (!stale.ok) throw new Error(stale.message);
    expect(stale.data.sheets[0].problems.map((p) => p.message)).toEqual([
      '该填报表是按较早的绩效目标表导出的（目标表此后已修改），请重新下载填报表后填写',
      expect.stringMatching(new RegExp(`^第\\d+行：“${first.name}”的年度指标值在下载后已修改`)),
    ]);
    await arrange(world.db, (tx) =>
      tx
        .update(indicators)
        .set({ annualTargetText: first.annualTargetText, parsedTarget: first.parsedTarget })
        .where(eq(indicators.id, first.id)),
    );
  });

  it('not a workbook, a workbook without an entry sheet, over the import limits', async () => {
    const { bundle } = await setup();
    expect(await refusal(Buffer.from('项目,实际完成值\n').toString('base64'))).toBe(NOT_A_WORKBOOK);
    expect(await refusal((await buildSelfEvaluationWorkbook(bundle)).toString('base64'))).toBe(
      '文件中没有本系统的填报表（工作表：“项目支出绩效自评表”）。请先下载填报表，在其中填写后上传',
    );
    expect(await refusal((await workbookWithCellAt('A30000')).toString('base64'))).toMatch(
      /用到第 30,000 行，超过 20,000 行的上限/,
    );
    expect(await refusal((await zipBomb(60 * 1024 * 1024)).toString('base64'))).toMatch(/解压后为 .*超过 50 MB 的上限/);
    expect(await refusal('A'.repeat(7_000_000))).toMatch(/超过 5 MB 的上限/);
  });

  it('a save between preview and confirm: the import is refused as a conflict and the save stays', async () => {
    const { first } = await setup();
    const { id, content, answer } = await uploadEdited((ws) => {
      rowOfIndicator(ws, first.id).getCell(COLUMNS.value).value = '98';
    });
    if (!answer.ok) throw new Error(answer.message);
    const draft = { ...(await completeDraft(world, id)), goalActual: '页面上保存的内容' };
    expect((await world.run(saveDraftOperation, world.actors.owner1, draft)).ok).toBe(true);
    const confirmed = await world.run(confirmEntryImportOperation, world.actors.owner1, {
      target: target(id),
      content,
      digest: answer.data.digest,
    });
    expect(confirmed).toMatchObject({ ok: false, code: 'conflict' });
    expect((await world.bundle(id)).evaluation.goalActual).toBe('页面上保存的内容');
  });

  it('reads a number typed into a cell formatted as percent as the form would take it (98, not 0.98)', async () => {
    const { first } = await setup();
    const { answer } = await uploadEdited((ws) => {
      const cell = rowWithKey(ws, String(rowOfIndicator(ws, first.id).getCell(COLUMNS.key).value)).getCell(
        COLUMNS.value,
      );
      cell.value = 0.98;
      cell.numFmt = '0%';
    });
    expect(answer.ok && answer.data.sheets[0].changes.map((c) => c.newValue)).toContain('98');
  });
});
