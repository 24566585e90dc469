import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, evaluations, indicatorResults } from '@/db/schema';
import {
  confirmEntryImportOperation,
  previewEntryImportOperation,
  type EntryImportPreview,
} from '@/lib/entry/import-operations';
import { COLUMNS, entryRows } from '@/lib/entry/layout';
import { buildEntryWorkbook } from '@/lib/entry/write-workbook';
import { buildEngineInput, entryValuesFromForm } from '@/lib/evaluations/engine-input';
import { draftFormValues } from '@/lib/evaluations/form-values';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { schemeOfYear, scoreStored, sheetOf } from '@/lib/evaluations/sheet';
import { submitOperation } from '@/lib/evaluations/transitions';
import { scoreEvaluation } from '@/lib/scoring';
import { base64Of, openWorkbook, rowOfIndicator } from './entry-support';
import { rowsOf, snapshotOf } from './helpers';
import { completeDraft, testWorld } from './world';

const world = testWorld({ each: true });

/** owner1's project with a compound target (three parts) and a qualitative one. */
export const ENTRY_PROJECT = '队伍装备基础设施建设专项经费';

const preview = async (content: string, target: object, user = world.actors.owner1) =>
  world.run(previewEntryImportOperation, user, { target, fileName: 'entry.xlsx', content });

async function previewed(content: string, target: object): Promise<EntryImportPreview> {
  const answer = await preview(content, target);
  if (!answer.ok) throw new Error(answer.message);
  return answer.data;
}

describe('the entry workbook, filled offline and uploaded', () => {
  it('lays out every target in locked cells with the keys, the units, the dropdown and the budget and goal rows', async () => {
    const bundle = await world.bundle(await world.evaluationOf(ENTRY_PROJECT));
    const ws = (await openWorkbook(await buildEntryWorkbook([bundle]))).worksheets[0];
    expect(ws.getColumn(COLUMNS.key).hidden).toBe(true);
    expect(String(ws.getCell('K1').value)).toMatch(new RegExp(`^jixiao-entry;v=1;evaluation=${bundle.evaluation.id};`));
    const keys = entryRows(bundle).map((r) => r.key);
    expect(keys.map((_, i) => ws.getRow(4 + i).getCell(COLUMNS.key).value)).toEqual(keys);
    const compound = bundle.indicators.find((i) => i.parsedTarget.kind === 'compound')!;
    const part = rowOfIndicator(ws, compound.id, 1);
    expect([part.getCell(COLUMNS.target).value, part.getCell(COLUMNS.unit).value]).toEqual(['信创台式电脑13台', '台']);
    const qualitative = bundle.indicators.find((i) => i.parsedTarget.kind === 'qualitative')!;
    const tier = rowOfIndicator(ws, qualitative.id).getCell(COLUMNS.value);
    expect(tier.dataValidation).toMatchObject({ type: 'list', formulae: ['"达成,部分达成,未达成"'] });
    expect(tier.protection).toMatchObject({ locked: false });
    expect(rowOfIndicator(ws, compound.id, 0).getCell(COLUMNS.target).protection?.locked).not.toBe(false);
    expect((ws as unknown as { sheetProtection: object }).sheetProtection).toMatchObject({ sheet: true });
  });

  it('previews every change by row, then confirm saves it through the save operation with the engine’s score', async () => {
    const id = await world.evaluationOf(ENTRY_PROJECT);
    const bundle = await world.bundle(id);
    const wb = await openWorkbook(await buildEntryWorkbook([bundle]));
    const ws = wb.worksheets[0];
    const expected = draftFormValues(bundle);
    const at = (kind: string, n = 0) =>
      bundle.indicators.map((ind, i) => [ind, i] as const).filter(([ind]) => ind.parsedTarget.kind === kind)[n];
    /** Types the cells into the indicator's row and expects the same in the form's values. */
    const fill = (
      [ind, index]: ReturnType<typeof at>,
      cells: Partial<Record<'value' | 'explanation' | 'percent', string | number>>,
      saved: Partial<(typeof expected.indicators)[number]>,
    ) => {
      for (const [column, value] of Object.entries(cells))
        rowOfIndicator(ws, ind.id).getCell(COLUMNS[column as keyof typeof cells]).value = value;
      Object.assign(expected.indicators[index], saved);
    };
    fill(at('quantitative', 1), { value: 99 }, { value: '99' }); // a number cell reads as typed
    const [missed, missedIndex] = at('quantitative', 2);
    const missedCells = { value: '90', explanation: '部分设备到货延迟。' };
    fill([missed, missedIndex], missedCells, missedCells);
    const tier = { tier: '部分达成', percent: '70' } as const;
    const qualitative = at('qualitative');
    fill(qualitative, { value: tier.tier, percent: tier.percent }, tier);
    const [compound, compoundIndex] = at('compound');
    ['1', '12', '3'].forEach((v, part) => (rowOfIndicator(ws, compound.id, part).getCell(COLUMNS.value).value = v));
    expected.indicators[compoundIndex].parts = ['1', '12', '3'];
    const rowOf = (key: string) =>
      [...Array(ws.rowCount).keys()].map((r) => ws.getRow(r + 1)).find((r) => r.getCell(COLUMNS.key).value === key)!;
    rowOf('budget:executed').getCell(COLUMNS.value).value = '37.5';
    rowOf('goal').getCell(COLUMNS.value).value = '完成办公设备采购和物业服务。';
    Object.assign(expected, { budgetExecuted: '37.5', goalActual: '完成办公设备采购和物业服务。' });
    const content = await base64Of(wb);

    const before = await snapshotOf(world.db, [evaluations, indicatorResults, auditLog]);
    const shown = await previewed(content, { kind: 'evaluation', evaluationId: id });
    expect(await snapshotOf(world.db, [evaluations, indicatorResults, auditLog])).toBe(before);
    expect(shown.problems).toBe(0);
    const changes = shown.sheets[0].changes;
    expect(changes).toContainEqual({
      row: rowOfIndicator(ws, missed.id).number,
      field: `第${missedIndex + 1}行“${missed.name}” 实际完成值`,
      oldValue: null,
      newValue: '90',
    });
    expect(changes).toContainEqual({
      row: rowOf('budget:executed').number,
      field: '全年执行数（万元）',
      oldValue: null,
      newValue: '37.5',
    });
    expect(changes.find((c) => c.field.includes(compound.name))).toMatchObject({
      newValue: '1；12；3',
      row: rowOfIndicator(ws, compound.id, 0).number,
    });
    expect(changes).toHaveLength(7);

    const confirmed = await world.run(confirmEntryImportOperation, world.actors.owner1, {
      target: { kind: 'evaluation', evaluationId: id },
      content,
      digest: shown.digest,
    });
    expect(confirmed).toMatchObject({ ok: true, data: { saved: 1, changes: 7 } });

    const after = await world.bundle(id);
    const sheet = sheetOf(bundle);
    const engine = scoreEvaluation(
      buildEngineInput(sheet, schemeOfYear(bundle.year.scheme), entryValuesFromForm(sheet, expected.indicators), {
        adjusted: '',
        executed: '37.5',
        explanation: '',
        reviewed: null,
      }),
    );
    expect(after.evaluation).toMatchObject({
      version: 2,
      selfScore: engine.selfTotal,
      selfGrade: engine.selfGrade,
      budgetExecutedFen: 37_500_000,
    });
    expect(scoreStored(after).result.indicators.map((s) => s.selfScore)).toEqual(
      engine.indicators.map((s) => s.selfScore),
    );
    expect(after.results.get(compound.id)?.actual).toEqual(['1', '12', '3']);
    expect(after.results.get(qualitative[0].id)?.actual).toEqual({ tier: '部分达成', percent: '70' });
    const audit = await rowsOf(
      world.db,
      auditLog,
      and(eq(auditLog.evaluationId, id), eq(auditLog.action, 'excel_import')),
    );
    expect(audit.map((a) => a.field)).toEqual(changes.map((c) => c.field));

    // The same file again: nothing left to change; the stale preview's digest no longer matches.
    expect(
      await world.run(confirmEntryImportOperation, world.actors.owner1, {
        target: { kind: 'evaluation', evaluationId: id },
        content,
        digest: shown.digest,
      }),
    ).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect((await previewed(content, { kind: 'evaluation', evaluationId: id })).changes).toBe(0);
  });

  it('one workbook for all of an owner’s projects: each sheet goes to its own evaluation, all or none', async () => {
    const { owner1 } = world.actors;
    const ids = [await world.evaluationOf(ENTRY_PROJECT), await world.evaluationOf('三防专项经费')];
    const bundles = await Promise.all(ids.map((id) => world.bundle(id)));
    const wb = await openWorkbook(await buildEntryWorkbook(bundles));
    expect(wb.worksheets.map((s) => s.name)).toEqual([`1 ${ENTRY_PROJECT}`, '2 三防专项经费']);
    wb.worksheets.forEach(
      (ws, i) => (rowOfIndicator(ws, bundles[i].indicators[1].id).getCell(COLUMNS.value).value = '1'),
    );
    const content = await base64Of(wb);
    const shown = await previewed(content, { kind: 'year', year: 2024 });
    expect(shown.sheets.map((s) => [s.evaluationId, s.changes.length, s.problems])).toEqual([
      [ids[0], 1, []],
      [ids[1], 1, []],
    ]);
    // One of them submitted meanwhile: that sheet is refused, and confirming saves neither.
    expect((await world.run(saveDraftOperation, owner1, await completeDraft(world, ids[1]))).ok).toBe(true);
    expect((await world.run(submitOperation, owner1, { evaluationId: ids[1], version: 2 })).ok).toBe(true);
    const again = await previewed(content, { kind: 'year', year: 2024 });
    expect(again.sheets[1].problems).toEqual([{ row: null, message: '“三防专项经费”：当前状态为“已提交”，不能保存' }]);
    const refused = await world.run(confirmEntryImportOperation, owner1, {
      target: { kind: 'year', year: 2024 },
      content,
      digest: again.digest,
    });
    expect(refused).toMatchObject({ ok: false, code: 'invalid' });
    expect((await world.bundle(ids[0])).evaluation.version).toBe(1);
  });
});
