import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { currentEvidenceFlags, evidenceFlaggedEvaluationIds } from '@/db/queries/attachments';
import { auditLog } from '@/db/schema';
import { scoreStored } from '@/lib/evaluations/sheet';
import { approveOperation, returnOperation, submitOperation } from '@/lib/evaluations/transitions';
import { rowKey } from '@/lib/evidence/rows';
import { selfEvaluationTable } from '@/lib/exports/self-evaluation-table';
import { buildSelfEvaluationWorkbook } from '@/lib/exports/workbooks';
import { loadOverview } from '@/lib/overview/overview';
import { pdfFile, pngFile } from './evidence-fixtures';
import { evidenceWorld, upload } from './evidence-world';
import { rowsOf } from './helpers';
import { bringTo } from './world';

/** Evidence in the review (缺佐证 flags on a return, the overview's filter) and in the 自评表. */
const world = evidenceWorld();
const step = async (id: number, extra: object = {}) => ({
  evaluationId: id,
  version: (await world.bundle(id)).evaluation.version,
  comment: '请补充佐证材料',
  ...extra,
});

async function flaggedIds() {
  const year = 2024;
  const { finance } = world.actors;
  const ids = await evidenceFlaggedEvaluationIds(world.db, { year });
  const overview = (params: Record<string, string>) =>
    loadOverview(world.db, { user: finance, year, deadline: null, params, today: new Date() });
  const filtered = await overview({ evidence: 'missing', pageSize: '100' });
  const all = await overview({});
  return { ids, rows: filtered.rows!.items.map((r) => r.id), all: all.rows!.total };
}

describe('缺佐证 on a return', () => {
  it('flags the chosen rows until the next decision, audited, and the overview filters by it', async () => {
    const { owner1, head } = world.actors;
    const id = await world.evaluationOf('应急专项经费');
    const [first, , third] = (await world.bundle(id)).indicators;
    await bringTo(world, id, 'submitted');
    const keys = [
      rowKey({ target: 'indicator', indicatorId: third.id }),
      'budget',
      rowKey({ target: 'indicator', indicatorId: first.id }),
    ];
    expect(await world.run(returnOperation, head, await step(id, { missingEvidence: keys }))).toMatchObject({
      ok: true,
    });
    // Stored in the form's order, each row once.
    expect(await currentEvidenceFlags(world.db, { evaluationId: id })).toEqual([
      { target: 'indicator', indicatorId: first.id },
      { target: 'indicator', indicatorId: third.id },
      { target: 'budget', indicatorId: null },
    ]);
    const audit = await rowsOf(world.db, auditLog, eq(auditLog.evaluationId, id));
    expect(audit.find((a) => a.field === '退回时标记缺佐证')?.newValue).toBe(
      `第1行“${first.name}”、第3行“${third.name}”、预算执行`,
    );
    const flagged = await flaggedIds();
    expect(flagged.rows).toEqual([id]);
    expect(flagged.all).toBeGreaterThan(1);

    // The owner adds the evidence and submits again: the flags stand until the head decides.
    expect(
      await upload(world, owner1, id, [{ name: '台账.pdf', data: pdfFile() }], { target: 'budget' }),
    ).toMatchObject({ ok: true });
    expect(await world.run(submitOperation, owner1, await step(id, { comment: '' }))).toMatchObject({ ok: true });
    expect(await currentEvidenceFlags(world.db, { evaluationId: id })).toHaveLength(3);
    expect(await world.run(approveOperation, head, await step(id, { comment: '' }))).toMatchObject({ ok: true });
    expect(await currentEvidenceFlags(world.db, { evaluationId: id })).toEqual([]);
    expect((await flaggedIds()).rows).toEqual([]);
  });

  it('refuses a row that is not the evaluation’s, and a malformed key, changing nothing', async () => {
    const { head } = world.actors;
    const id = await world.evaluationOf('三防专项经费');
    const other = (await world.bundle(await world.evaluationOf('应急专项经费'))).indicators[0];
    await bringTo(world, id, 'submitted');
    const before = (await world.bundle(id)).evaluation;
    expect(
      await world.run(
        returnOperation,
        head,
        await step(id, { missingEvidence: [rowKey({ target: 'indicator', indicatorId: other.id })] }),
      ),
    ).toMatchObject({
      ok: false,
      code: 'invalid',
      message: '标记缺佐证的行不属于该自评，请刷新页面后重试',
    });
    expect(await world.run(returnOperation, head, await step(id, { missingEvidence: ['../budget'] }))).toMatchObject({
      ok: false,
    });
    expect((await world.bundle(id)).evaluation).toEqual(before);
    // A return without flags flags nothing.
    expect(await world.run(returnOperation, head, await step(id))).toMatchObject({ ok: true });
    expect(await currentEvidenceFlags(world.db, { evaluationId: id })).toEqual([]);
  });
});

describe('attachment names in the 自评表', () => {
  it('lists each row’s names in the view’s data and the workbook, finance’s marked 财政复核', async () => {
    const { owner1, finance } = world.actors;
    const id = await world.evaluationOf('执法检查事故调查处理经费');
    const [first, second] = (await world.bundle(id)).indicators;
    const add = async (user = owner1, name: string, fields: Record<string, string>) =>
      expect(await upload(world, user, id, [{ name, data: pdfFile(name) }], fields)).toMatchObject({ ok: true });
    await add(owner1, '出勤台账.pdf', { indicatorId: String(first.id) });
    await add(owner1, '验收单.pdf', { indicatorId: String(first.id) });
    await add(owner1, '合同.pdf', { target: 'budget' });
    await add(owner1, '总结.pdf', { target: 'goal' });
    expect(
      await upload(world, owner1, id, [{ name: '现场.png', data: pngFile() }], { target: 'evaluation' }),
    ).toMatchObject({ ok: true });
    await bringTo(world, id, 'dept_approved');
    await add(finance, '抽查记录.pdf', { indicatorId: String(second.id) });

    const bundle = await world.bundle(id);
    const table = selfEvaluationTable(bundle, scoreStored(bundle).result);
    expect(table.indicators.slice(0, 3).map((line) => line.evidence)).toEqual([
      ['出勤台账.pdf', '验收单.pdf'],
      ['抽查记录.pdf（财政复核）'],
      [],
    ]);
    expect([table.budgetEvidence, table.goalEvidence, table.evaluationEvidence]).toEqual([
      ['合同.pdf'],
      ['总结.pdf'],
      ['现场.png'],
    ]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildSelfEvaluationWorkbook(bundle)) as unknown as ExcelJS.Buffer);
    const texts: string[] = [];
    // A merged range's cells all answer the first one's value: each range is read once.
    wb.worksheets[0].eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.master.address === cell.address) texts.push(String(cell.value ?? ''));
      }),
    );
    const withNames = (names: string) => texts.filter((t) => t.includes(names));
    expect(withNames('佐证材料：出勤台账.pdf、验收单.pdf')).toHaveLength(1);
    expect(withNames('佐证材料：抽查记录.pdf（财政复核）')).toHaveLength(1);
    expect(withNames('佐证材料：合同.pdf')).toHaveLength(1);
    expect(withNames('佐证材料：总结.pdf')).toHaveLength(1);
    expect(texts).toContain('整体佐证材料');
    expect(texts).toContain('现场.png');
  });
});
