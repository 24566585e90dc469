import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import {
  confirmExecutionImportOperation,
  previewExecutionImportOperation,
  type ExecutionPreview,
} from '@/lib/treasury/operations';
import { expectFiguresFresh } from './figures-check';
import { rowsOf } from './helpers';
import { SEED_SUMMARY } from './seed-facts';
import { bringTo, testWorld } from './world';

const world = testWorld({ each: true });
const DEPARTMENT = SEED_SUMMARY.department;

const upload = (text: string) => ({
  year: 2024,
  fileName: 'treasury.csv',
  content: Buffer.from(text).toString('base64'),
});

async function preview(content: ReturnType<typeof upload>): Promise<ExecutionPreview> {
  const state = await world.run(previewExecutionImportOperation, world.actors.finance, content);
  if (!state.ok) throw new Error(state.message);
  return state.data;
}

const apply = async (content: ReturnType<typeof upload>) =>
  world.run(confirmExecutionImportOperation, world.actors.finance, {
    ...content,
    digest: (await preview(content)).digest,
  });

const auditRows = async (evaluationId: number) =>
  (await rowsOf(world.db, auditLog, eq(auditLog.evaluationId, evaluationId))).filter(
    (r) => r.action === 'treasury_import',
  );

describe('importing treasury execution figures', () => {
  it('previews matched, unmatched and ambiguous rows, applies only to drafts, and a second time changes nothing', async () => {
    const draft = await world.evaluationOf('三防专项经费');
    const submitted = await world.evaluationOf('应急专项经费');
    await bringTo(world, submitted, 'submitted');
    const submittedBefore = (await world.bundle(submitted)).evaluation;
    const draftProject = (await world.bundle(draft)).project;
    const file = upload(
      [
        '部门,项目编码,项目名称,全年执行数（万元）',
        `${DEPARTMENT},,三防专项经费,12.345678`,
        `${DEPARTMENT},,应急专项经费,3`,
        `${DEPARTMENT},,不存在的项目,1`,
        `,${draftProject.id},,5`,
      ].join('\n'),
    );
    const first = await preview(file);
    // Row 5 names the draft by its code as row 2 does by its name: both ambiguous, neither applied.
    expect(first.ambiguous.map((a) => a.row)).toEqual([2, 5]);
    expect(first.unmatched.map((u) => [u.row, u.message])).toEqual([[4, `${DEPARTMENT}没有名为“不存在的项目”的项目`]]);
    expect(first.matched.map((m) => [m.row, m.outcome.kind])).toEqual([[3, 'refused']]);
    expect(first.toApply).toBe(0);

    const good = upload(
      [`部门,项目名称,全年执行数（万元）`, `${DEPARTMENT},三防专项经费,12.345678`, `${DEPARTMENT},应急专项经费,3`].join(
        '\n',
      ),
    );
    const before = (await world.bundle(draft)).evaluation;
    expect(await apply(good)).toMatchObject({ ok: true, data: { applied: 1 } });
    const after = (await world.bundle(draft)).evaluation;
    expect(after).toMatchObject({
      version: before.version + 1,
      budgetExecutedFen: 12_345_678,
      executedImportedFen: 12_345_678,
      status: 'draft',
    });
    expect(after.executedImportedAt).toBeInstanceOf(Date);
    expect(after.selfScore).not.toBe(before.selfScore);
    expect((await auditRows(draft)).map((r) => [r.field, r.oldValue, r.newValue])).toEqual([
      ['全年执行数（万元）', null, '12.345678'],
      ['全年执行数（万元）·国库导入', null, '12.345678'],
    ]);
    expect((await world.bundle(submitted)).evaluation).toEqual(submittedBefore);

    // The same file again: nothing to apply, no version, no audit row.
    const again = await preview(good);
    expect(again.matched.map((m) => m.outcome.kind)).toEqual(['unchanged', 'refused']);
    expect(await apply(good)).toMatchObject({ ok: true, data: { applied: 0 } });
    expect((await world.bundle(draft)).evaluation.version).toBe(after.version);
    expect(await auditRows(draft)).toHaveLength(2);
    await expectFiguresFresh(world.db);
  });

  it('changes nothing when one row is bad, and reads the same rows from an xlsx', async () => {
    const draft = await world.evaluationOf('三防专项经费');
    const before = (await world.bundle(draft)).evaluation;
    const bad = upload(`项目名称,全年执行数\n三防专项经费,7\n应急专项经费,七万\n`);
    const shown = await preview(bad);
    expect(shown.problems).toEqual([
      { row: 3, message: '第3行：全年执行数“七万”不是金额（单位万元，最多 6 位小数，即精确到分）' },
    ]);
    expect(await apply(bad)).toMatchObject({ ok: false, code: 'invalid' });
    expect((await world.bundle(draft)).evaluation).toEqual(before);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('国库');
    ws.addRow(['2024年项目支出执行情况']);
    ws.addRow(['项目编码', '全年执行数（万元）']);
    ws.addRow([String((await world.bundle(draft)).project.id), 8.5]);
    const xlsx = {
      year: 2024,
      fileName: 'treasury.xlsx',
      content: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    };
    expect(await apply(xlsx)).toMatchObject({ ok: true, data: { applied: 1 } });
    expect((await world.bundle(draft)).evaluation.budgetExecutedFen).toBe(8_500_000);
  });

  it('refuses a preview made stale by a save in between', async () => {
    const draft = await world.evaluationOf('三防专项经费');
    const file = upload(`项目名称,全年执行数\n三防专项经费,7\n`);
    const { digest } = await preview(file);
    await bringTo(world, draft, 'filled draft');
    const state = await world.run(confirmExecutionImportOperation, world.actors.finance, { ...file, digest });
    expect(state).toMatchObject({ ok: false, code: 'conflict' });
  });
});
