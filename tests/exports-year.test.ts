import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { listEvaluationsForUser } from '@/db/queries/evaluations';
import { loadYearBundles } from '@/db/queries/evaluations';
import { loadEvaluationBundle } from '@/db/queries/evaluations';
import type { SessionUser } from '@/lib/auth/scope';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { scoreStored } from '@/lib/evaluations/sheet';
import { approveOperation, finalizeOperation, submitOperation } from '@/lib/evaluations/transitions';
import { INDICATOR_CSV_HEADERS, buildIndicatorsCsv } from '@/lib/exports/indicators-csv';
import { SUMMARY_HEADERS } from '@/lib/exports/summary-sheet';
import { writeYearWorkbook } from '@/lib/exports/workbooks';
import { completeDraft, testWorld, WORKED_EXAMPLE } from './world';

const world = testWorld({ each: true });

async function yearWorkbook(user: SessionUser) {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  const outcome = await writeYearWorkbook(
    { year: 2024, bundles: await loadYearBundles(world.db, { user, year: 2024 }) },
    output,
  );
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
  it('has a 汇总 of every project in scope, then one 自评表 per evaluation with a safe, unique name', async () => {
    await finalise(await world.evaluationOf(WORKED_EXAMPLE), (d) => {
      d.indicators[0].value = '27';
      d.indicators[0].explanation = '受汛期影响';
    });
    const { wb, outcome } = await yearWorkbook(world.actors.finance);
    const rows = await listEvaluationsForUser(world.db, { user: world.actors.finance, year: 2024 });
    expect(outcome.sheets).toBe(18);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([
      '汇总',
      ...rows.map((r, i) => `${i + 1} ${r.project}`.slice(0, 31).trim()),
    ]);
    for (const ws of wb.worksheets) expect(ws.name.length).toBeLessThanOrEqual(31);

    const summary = wb.getWorksheet('汇总')!;
    expect(summary.getCell('A1').value).toBe('2024年度项目支出绩效自评汇总表');
    expect((summary.getRow(2).values as unknown[]).slice(1)).toEqual([...SUMMARY_HEADERS]);
    for (const [i, row] of rows.entries()) {
      const r = summary.getRow(i + 3);
      const bundle = await world.bundle(row.id);
      const { result } = scoreStored(bundle);
      const finalised = row.status === 'finalized';
      expect([1, 2, 3, 4, 5, 6].map((c) => r.getCell(c).value)).toEqual([
        i + 1,
        row.department,
        row.project,
        row.owner,
        Number(row.budgetTotalFen) / 1_000_000,
        finalised ? '已定稿' : '草稿',
      ]);
      expect(r.getCell(7).value).toBe(row.selfScore === null ? null : Number(result.selfTotal));
      expect(r.getCell(8).value).toBe(finalised ? Number(result.finalTotal) : null);
      expect(r.getCell(9).value).toBe(finalised ? row.finalGrade : null);
      expect(r.getCell(5).numFmt).toBe('#,##0.00');
    }
    const finalisedRow = rows.findIndex((r) => r.project === WORKED_EXAMPLE);
    expect(summary.getRow(finalisedRow + 3).getCell(7).value).toBe(98.5);

    const sheet = wb.worksheets[finalisedRow + 1];
    expect(sheet.getCell('C3').value).toBe(WORKED_EXAMPLE);
    expect(sheet.getCell('A1').value).toBe('项目支出绩效自评表（2024年度）');
    expect(sheet.model.merges).toContain('A1:H1');
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, paperSize: 9 });
  });

  it('an owner gets only their own projects; someone with none gets an empty 汇总', async () => {
    const own = await listEvaluationsForUser(world.db, { user: world.actors.owner1, year: 2024 });
    expect(own).toHaveLength(9);
    const { wb } = await yearWorkbook(world.actors.owner1);
    expect(wb.worksheets).toHaveLength(10);
    const summary = wb.getWorksheet('汇总')!;
    expect(summary.rowCount).toBe(11);
    expect(own.map((_, i) => summary.getRow(i + 3).getCell(3).value)).toEqual(own.map((r) => r.project));

    const empty = await yearWorkbook(world.actors.otherowner);
    expect(empty.wb.worksheets.map((ws) => ws.name)).toEqual(['汇总']);
    expect(empty.wb.getWorksheet('汇总')!.rowCount).toBe(2);
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
