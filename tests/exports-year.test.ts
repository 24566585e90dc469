import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { listEvaluationsForUser } from '@/db/queries/evaluations';
import { loadYearBundles, yearBundleBatches } from '@/db/queries/evaluations';
import { loadEvaluationBundle } from '@/db/queries/evaluations';
import type { SessionUser } from '@/lib/auth/scope';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { scoreStored } from '@/lib/evaluations/sheet';
import { approveOperation, finalizeOperation, returnOperation, submitOperation } from '@/lib/evaluations/transitions';
import { INDICATOR_CSV_HEADERS, buildIndicatorsCsv, indicatorCsvChunks } from '@/lib/exports/indicators-csv';
import { SUMMARY_HEADERS } from '@/lib/exports/summary-sheet';
import { writeYearWorkbook } from '@/lib/exports/workbooks';
import { exportCondition, takeExportSlot, withReturnNotes, YEAR_EXPORT_SLOTS } from '@/lib/exports/year-export';
import { formatDateTime } from '@/lib/format';
import { completeDraft, testWorld, WORKED_EXAMPLE } from './world';

const world = testWorld({ each: true });

async function rowsOf(user: SessionUser, search = '') {
  const condition = await exportCondition(world.db, { user, year: 2024, url: new URL(`http://app/${search}`) });
  if (!condition.ok) throw new Error(condition.message);
  // As the route reads them: each batch with its returned evaluations' notes.
  return () => withReturnNotes(world.db, yearBundleBatches(world.db, { where: condition.where, batchSize: 5 }));
}

async function yearWorkbook(user: SessionUser, search = '') {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  const outcome = await writeYearWorkbook({ year: 2024, batches: await rowsOf(user, search) }, output);
  await new Promise((resolve) => output.end(resolve));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
  return { wb, outcome };
}

async function finalise(id: number, tweak: (d: Awaited<ReturnType<typeof completeDraft>>) => void = () => {}) {
  const { owner1, head, finance } = world.actors;
  const draft = await completeDraft(world, id);
  tweak(draft);
  const steps = [
    () => world.run(saveDraftOperation, owner1, draft),
    () => world.run(submitOperation, owner1, { evaluationId: id, version: 2 }),
    () => world.run(approveOperation, head, { evaluationId: id, version: 3, comment: '' }),
    () => world.run(finalizeOperation, finance, { evaluationId: id, version: 4, comment: '' }),
  ];
  for (const step of steps) expect(await step()).toMatchObject({ ok: true });
}

describe('the bulk loader', () => {
  it('gives exactly the bundles loadEvaluationBundle gives, in list order, within each user’s scope', async () => {
    await finalise(await world.evaluationOf(WORKED_EXAMPLE));
    for (const user of Object.values(world.actors)) {
      const bulk = await loadYearBundles(world.db, { user, year: 2024 });
      const listed = await listEvaluationsForUser(world.db, { user, year: 2024 });
      expect(bulk.map((b) => b.evaluation.id)).toEqual(listed.map((r) => r.id));
      for (const b of bulk) expect(b).toEqual(await loadEvaluationBundle(world.db, { evaluationId: b.evaluation.id }));
    }
    expect(await loadYearBundles(world.db, { user: world.actors.finance, year: 1999 })).toEqual([]);
  });
});

describe('year workbook', () => {
  it('has a 汇总 of every project in scope with a 合计, and a 指标明细 with the CSV’s rows', async () => {
    await finalise(await world.evaluationOf(WORKED_EXAMPLE), (d) => {
      d.indicators[0].value = '27';
      d.indicators[0].explanation = '受汛期影响';
    });
    const { wb, outcome } = await yearWorkbook(world.actors.finance);
    const rows = await listEvaluationsForUser(world.db, { user: world.actors.finance, year: 2024 });
    expect(outcome).toEqual({ sheets: 2, projects: rows.length, rows: 113 });
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['汇总', '指标明细']);

    const summary = wb.getWorksheet('汇总')!;
    expect(summary.getCell('A1').value).toBe('2024年度项目支出绩效自评汇总表');
    expect((summary.getRow(2).values as unknown[]).slice(1)).toEqual([...SUMMARY_HEADERS]);
    let budgetFen = 0;
    for (const [i, row] of rows.entries()) {
      const r = summary.getRow(i + 3);
      const { result } = scoreStored(await world.bundle(row.id));
      const finalised = row.status === 'finalized';
      budgetFen += row.budgetTotalFen;
      expect([1, 2, 3, 4, 5, 8].map((c) => r.getCell(c).value)).toEqual([
        i + 1,
        row.department,
        row.project,
        row.owner,
        Number(row.budgetTotalFen) / 1_000_000,
        finalised ? '已定稿' : '草稿',
      ]);
      expect(r.getCell(9).value).toBe(row.selfScore === null ? null : Number(result.selfTotal));
      expect(r.getCell(10).value).toBe(finalised ? Number(result.finalTotal) : null);
      expect(r.getCell(11).value).toBe(finalised ? row.finalGrade : null);
      expect(r.getCell(5).numFmt).toBe('#,##0.00');
    }
    const finalisedRow = rows.findIndex((r) => r.project === WORKED_EXAMPLE);
    const worked = summary.getRow(finalisedRow + 3);
    expect(worked.getCell(9).value).toBe(98.5);
    const workedBundle = await world.bundle(rows[finalisedRow].id);
    expect(worked.getCell(6).value).toBe(workedBundle.evaluation.budgetExecutedFen! / 1_000_000);
    expect(worked.getCell(7).value).toBe(Number(scoreStored(workedBundle).result.budget.rate));
    const total = summary.getRow(rows.length + 3);
    expect(total.getCell(1).value).toBe(`合计（${rows.length} 个项目）`);
    expect(total.getCell(5).value).toBe(budgetFen / 1_000_000);
    expect(total.getCell(6).value).toBe(workedBundle.evaluation.budgetExecutedFen! / 1_000_000);

    const detail = wb.getWorksheet('指标明细')!;
    expect((detail.getRow(1).values as unknown[]).slice(1)).toEqual([...INDICATOR_CSV_HEADERS]);
    expect(detail.rowCount).toBe(114);
    const csvRows = Papa.parse<string[]>(
      buildIndicatorsCsv(
        await loadYearBundles(world.db, {
          user: world.actors.finance,
          year: 2024,
        }),
      ).slice(1),
      { skipEmptyLines: true },
    ).data.slice(1);
    csvRows.forEach((csvRow, i) => {
      const r = detail.getRow(i + 2);
      expect([2, 3, 7, 16].map((c) => r.getCell(c).value)).toEqual([csvRow[1], csvRow[2], csvRow[6], csvRow[15]]);
      expect(r.getCell(10).value).toBe(Number(csvRow[9]));
      expect(r.getCell(12).value).toBe(csvRow[11] === '' ? null : Number(csvRow[11]));
    });
  });

  it('a returned project’s 汇总 row says who returned it, when and why; other rows leave those cells empty', async () => {
    const id = await world.evaluationOf(WORKED_EXAMPLE);
    const { owner1, head } = world.actors;
    expect(await world.run(saveDraftOperation, owner1, await completeDraft(world, id))).toMatchObject({ ok: true });
    expect(await world.run(submitOperation, owner1, { evaluationId: id, version: 2 })).toMatchObject({ ok: true });
    const comment = '请补充第 4 行的佐证材料';
    expect(await world.run(returnOperation, head, { evaluationId: id, version: 3, comment })).toMatchObject({
      ok: true,
    });
    const at = (await world.bundle(id)).evaluation.updatedAt;
    const rows = await listEvaluationsForUser(world.db, { user: world.actors.finance, year: 2024 });
    const { wb } = await yearWorkbook(world.actors.finance);
    const summary = wb.getWorksheet('汇总')!;
    expect(SUMMARY_HEADERS.slice(-3)).toEqual(['退回人', '退回时间', '退回意见']);
    for (const [i, row] of rows.entries()) {
      const cells = [8, 12, 13, 14].map((c) => summary.getRow(i + 3).getCell(c).value);
      if (row.id === id) expect(cells).toEqual(['已退回', head.displayName, formatDateTime(at), comment]);
      else expect(cells.slice(1), row.project).toEqual([null, null, null]);
    }
    // The indicator CSV and 指标明细 say it on each of its rows, in one 退回说明 column.
    const note = `${head.displayName} ${formatDateTime(at)} 退回：${comment}`;
    let csv = '';
    for await (const chunk of indicatorCsvChunks((await rowsOf(world.actors.finance))())) csv += chunk;
    const [header, ...lines] = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(header.at(-1)).toBe('退回说明');
    const noted = lines.filter((l) => l.at(-1) !== '');
    expect(noted.length).toBe((await world.bundle(id)).indicators.length);
    expect(noted.every((l) => l[2] === WORKED_EXAMPLE && l.at(-1) === note)).toBe(true);
    const detail = wb.getWorksheet('指标明细')!;
    const detailNotes = detail.getColumn(INDICATOR_CSV_HEADERS.length).values.slice(2).filter(Boolean);
    expect(detailNotes).toEqual(noted.map(() => note));
    // Submitted again, it is no longer 已退回: the note goes with the status.
    expect(await world.run(submitOperation, owner1, { evaluationId: id, version: 4 })).toMatchObject({ ok: true });
    const again = (await yearWorkbook(world.actors.finance)).wb.getWorksheet('汇总')!;
    const row = again.getRow(rows.findIndex((r) => r.id === id) + 3);
    expect([8, 12, 13, 14].map((c) => row.getCell(c).value)).toEqual(['已提交', null, null, null]);
  });

  it('an owner gets only their own projects; someone with none gets a header and a 合计', async () => {
    const own = await listEvaluationsForUser(world.db, { user: world.actors.owner1, year: 2024 });
    expect(own).toHaveLength(9);
    const { wb } = await yearWorkbook(world.actors.owner1);
    const summary = wb.getWorksheet('汇总')!;
    expect(summary.rowCount).toBe(12);
    expect(own.map((_, i) => summary.getRow(i + 3).getCell(3).value)).toEqual(own.map((r) => r.project));

    const empty = await yearWorkbook(world.actors.otherowner);
    expect(empty.outcome).toEqual({ sheets: 2, projects: 0, rows: 0 });
    expect(empty.wb.getWorksheet('汇总')!.getRow(3).getCell(1).value).toBe('合计（0 个项目）');
  });

  it('follows the filters of the list it is started from, and refuses one it cannot read', async () => {
    await finalise(await world.evaluationOf(WORKED_EXAMPLE));
    const { wb, outcome } = await yearWorkbook(world.actors.finance, '?status=finalized');
    expect(outcome.projects).toBe(1);
    expect(wb.getWorksheet('汇总')!.getRow(3).getCell(3).value).toBe(WORKED_EXAMPLE);
    const searched = await yearWorkbook(world.actors.finance, `?q=${encodeURIComponent(WORKED_EXAMPLE.slice(0, 6))}`);
    expect(searched.outcome.projects).toBeGreaterThanOrEqual(1);
    expect(
      await exportCondition(world.db, {
        user: world.actors.finance,
        year: 2024,
        url: new URL('http://app/?status=nonsense'),
      }),
    ).toMatchObject({ ok: false, message: expect.stringContaining('status') });
  });
});

describe('year export slots', () => {
  it('two at a time across instances: a third waits until one is released or runs out', async () => {
    const first = await takeExportSlot(world.db);
    const second = await takeExportSlot(world.db);
    expect([first?.name, second?.name]).toEqual([...YEAR_EXPORT_SLOTS]);
    expect(await takeExportSlot(world.db)).toBeNull();
    await first!.release();
    const third = await takeExportSlot(world.db);
    expect(third?.name).toBe(YEAR_EXPORT_SLOTS[0]);
    // A holder that died without releasing frees its slot when the lease runs out.
    expect(await takeExportSlot(world.db, new Date(Date.now() + 61_000))).toMatchObject({ name: YEAR_EXPORT_SLOTS[0] });
    await second!.release();
    await third!.release();
  });
});

describe('indicator CSV', () => {
  it('round-trips through papaparse with the BOM, CRLF, the Chinese and awkward text intact', async () => {
    const id = await world.evaluationOf(WORKED_EXAMPLE);
    const awkward = '原因："汛期", 顺延\r\n改进：按季度跟踪';
    await finalise(id, (d) => {
      d.indicators[0].value = '27';
      d.indicators[0].explanation = awkward;
      d.indicators[1].explanation = '=HYPERLINK("http://example.com")';
    });
    const csv = buildIndicatorsCsv(await loadYearBundles(world.db, { user: world.actors.finance, year: 2024 }));
    expect(csv.startsWith('\uFEFF年度,部门,项目名称,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(
      csv
        .replace(/"[^"]*"/g, '')
        .split('\n')
        .every((line, i, all) => i === all.length - 1 || line.endsWith('\r')),
    ).toBe(true);

    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual([...INDICATOR_CSV_HEADERS]);
    expect(rows).toHaveLength(113);

    const bundle = await world.bundle(id);
    const { result } = scoreStored(bundle);
    const mine = rows.filter((r) => r[2] === WORKED_EXAMPLE);
    expect(mine).toHaveLength(bundle.indicators.length);
    mine.forEach((r, i) => {
      const ind = bundle.indicators[i];
      const scored = result.indicators[i];
      expect(r.slice(0, 8)).toEqual([
        '2024',
        '广州市白云区应急管理局',
        WORKED_EXAMPLE,
        String(ind.position),
        ind.level1Name,
        ind.level2Name,
        ind.name,
        ind.annualTargetText,
      ]);
      expect(Number(r[9])).toBe(Number(scored.points));
      expect(Number(r[11])).toBe(Number(scored.selfScore));
      expect(Number(r[13])).toBe(Number(scored.finalScore));
      expect(r[15]).toBe('已定稿');
    });
    expect(mine[0].slice(8, 11)).toEqual(['27家', '15.00', '90.00%']);
    expect(mine[0][14]).toBe(awkward);
    expect(mine[1][14]).toBe(`'=HYPERLINK("http://example.com")`);
    const untouched = rows.find((r) => r[2] !== WORKED_EXAMPLE)!;
    expect([untouched[8], untouched[11], untouched[13], untouched[15]]).toEqual(['', '', '', '草稿']);
  });

  it('streamed a batch at a time, it is the same file', async () => {
    const user = world.actors.finance;
    let streamed = '';
    for await (const chunk of indicatorCsvChunks((await rowsOf(user))())) streamed += chunk;
    expect(streamed).toBe(buildIndicatorsCsv(await loadYearBundles(world.db, { user, year: 2024 })));
  });

  it('an owner’s CSV holds only their projects’ indicators', async () => {
    const csv = buildIndicatorsCsv(await loadYearBundles(world.db, { user: world.actors.owner2, year: 2024 }));
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.slice(1);
    const own = new Set(
      (await listEvaluationsForUser(world.db, { user: world.actors.owner2, year: 2024 })).map((r) => r.project),
    );
    expect(own.size).toBe(8);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => own.has(r[2]))).toBe(true);
    expect(new Set(rows.map((r) => r[2])).size).toBe(8);
  });
});
