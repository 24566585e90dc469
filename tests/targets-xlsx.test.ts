import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { departments, indicators } from '@/db/schema';
import { loadTargetTable } from '@/lib/exports/target-table';
import { fenToWanYuan } from '@/lib/money';
import { seedDemo } from '@/lib/seed';
import { importTargetTable } from '@/lib/targets/import-table';
import { parseTargetTable, type ParsedTable } from '@/lib/targets/parse-target-table';
import { indicatorTexts } from '@/lib/targets/table-types';
import { exportTargetWorkbook, parseTargetWorkbook, type TargetWorkbookTable } from '@/lib/targets/xlsx';
import { rowsOf, runScript, scriptDatabase, SEED_FILE, tempDatabase } from './helpers';
import { SEED_SUMMARY } from './seed-facts';

/** The indicator columns of a published target table, from 一级指标 to 年度指标值. */
const LEVEL_COLUMNS = ['一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值'];

const SEED = parseTargetTable(readFileSync(SEED_FILE, 'utf8'));
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The fields a table means, without where in its source each came from. */
function meaning(table: ParsedTable) {
  return {
    department: table.department,
    implementingUnit: table.implementingUnit,
    year: table.year,
    declaredTotalFen: table.declaredTotalFen,
    projects: table.projects.map((p) => ({
      name: p.name,
      unit: p.unit,
      budget: p.budget,
      goal: p.goal,
      indicators: p.indicators.map((ind) => ({
        position: ind.position,
        ...indicatorTexts(ind),
        target: ind.target,
        warnings: ind.warnings,
      })),
    })),
    warnings: table.warnings.map(({ project, row, code, message }) => ({ project, row, code, message })),
  };
}

async function open(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb.worksheets[0];
}

/** A workbook built by hand, as someone might in Excel: project columns repeated or left blank, nothing merged. */
async function handmade(table: ParsedTable, continuation: 'repeat' | 'blank', amountsAsText = false) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([`${table.implementingUnit}${table.year}年项目支出绩效目标表（含转移支付项目）`]);
  ws.addRow([]);
  // Another column order and header wording than ours: the importer goes by the header names.
  ws.addRow([
    '项目名称（资金使用单位）',
    '总计（万元）',
    '财政拨款',
    '财政专户拨款',
    '其他资金',
    '年度绩效目标',
    '一级指标',
    '二级指标',
    '三级指标',
    '年度指标值',
    '实施周期指标值',
    '资金使用单位',
  ]);
  const money = (fen: number) => (amountsAsText ? fenToWanYuan(fen).toFixed(2) : fenToWanYuan(fen).toNumber());
  for (const p of table.projects) {
    p.indicators.forEach((ind, i) => {
      const project =
        i === 0 || continuation === 'repeat'
          ? [p.name, money(p.budget.totalFen), money(p.budget.fiscalFen), null, null, p.goal]
          : [null, null, null, null, null, null];
      ws.addRow([
        ...project,
        `${ind.level1Code}-${ind.level1Name}`,
        `${ind.level2Code}-${ind.level2Name}`,
        ind.name,
        ind.annualTargetText,
        ind.periodTargetText,
        i === 0 || continuation === 'repeat' ? p.unit : null,
      ]);
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('target table ⇄ workbook', () => {
  it('round-trips the seed: text → parseTargetTable → exportTargetWorkbook → parseTargetWorkbook', async () => {
    const back = await parseTargetWorkbook(await exportTargetWorkbook(SEED));
    expect(meaning(back)).toEqual(meaning(SEED));
    expect(back.projects).toHaveLength(17);
    expect(back.projects.flatMap((p) => p.indicators)).toHaveLength(113);
    expect(back.warnings.filter((w) => w.code === 'level_mismatch').map((w) => [w.project, w.row])).toEqual([
      ['智慧白云信息化建设项目经费（智慧三防应急指挥系统建设项目经费）', 2],
      ['执法检查事故调查处理经费', 5],
    ]);
  });

  it('is laid out like the published table: title, 部门名称, header, 合计, one row per indicator, project cells merged', async () => {
    const ws = await open(await exportTargetWorkbook(SEED));
    expect(ws.getCell('A1').value).toBe('广州市白云区应急管理局（本级）2024年项目支出绩效目标表');
    expect(ws.getCell('A2').value).toBe('部门名称：广州市白云区应急管理局（本级）');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([
      '项目名称',
      '资金使用单位',
      '总计',
      '财政拨款',
      '财政专户拨款',
      '其他资金',
      '绩效目标',
      ...LEVEL_COLUMNS,
    ]);
    expect([ws.getCell('A4').value, ws.getCell('C4').value, ws.getCell('D4').value]).toEqual(['合计', 1408.4, 1408.4]);
    expect([
      ws.getCell('A5').value,
      ws.getCell('C5').value,
      ws.getCell('H5').value,
      ws.getCell('I5').value,
      ws.getCell('L5').value,
    ]).toEqual([
      '队伍装备基础设施建设专项经费',
      38,
      '1-产出指标',
      '11-数量指标',
      '1.扫描仪1台；2.信创台式电脑13台；3.信创笔记本电脑3台',
    ]);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:L1', 'A5:A11', 'C5:C11', 'G5:G11', 'A12:A17']));
    expect(ws.getCell('C5').numFmt).toBe('#,##0.00;-#,##0.00;');
    expect(ws.getRow(5 + 113).getCell(10).value).toBeNull();
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1 });
  });

  it('reads repeated and blank continuation rows, other column orders and amounts as text, to the same table', async () => {
    for (const [mode, asText] of [
      ['repeat', false],
      ['blank', true],
    ] as const) {
      const back = await parseTargetWorkbook(await handmade(SEED, mode, asText));
      const expected = meaning(SEED);
      expect(meaning(back)).toEqual({ ...expected, declaredTotalFen: null });
    }
  });

  it('keeps explicit 分值 when some indicator has one', async () => {
    const table: TargetWorkbookTable = {
      ...SEED,
      projects: SEED.projects.slice(0, 2).map((p, i) => ({
        ...p,
        indicators: p.indicators.map((ind, k) => ({ ...ind, points: i === 0 && k < 2 ? ['12.5', '7'][k] : null })),
      })),
    };
    const buffer = await exportTargetWorkbook(table);
    expect((await open(buffer)).getCell('M3').value).toBe('分值');
    const back = await parseTargetWorkbook(buffer);
    expect(back.projects[0].indicators.map((ind) => ind.points)).toEqual(['12.5', '7', null, null, null, null, null]);
    expect(back.warnings.find((w) => w.code === 'total_mismatch')).toBeUndefined();
  });
});

describe('parseTargetWorkbook on bad input', () => {
  it('never throws: not a workbook, or a workbook without the header, gives a warning', async () => {
    const junk = await parseTargetWorkbook(Buffer.from('这不是 Excel 文件'));
    expect(junk).toMatchObject({
      projects: [],
      warnings: [{ code: 'no_projects', message: expect.stringContaining('.xlsx') }],
    });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('空').addRow(['随便', '什么']);
    const headless = await parseTargetWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(headless.warnings).toEqual([
      expect.objectContaining({ code: 'no_projects', message: expect.stringContaining('表头') }),
    ]);
  });

  it('runs the text parser’s row checks and names the sheet row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('目标');
    ws.addRow(['示范单位2025年项目支出绩效目标表']);
    ws.addRow(['项目名称', '总计', '财政拨款', '其他资金', '绩效目标', ...LEVEL_COLUMNS, '分值']);
    ws.addRow(['甲项目', 10, 8, 1, '完成甲', '1-产出指标', '21-社会效益', '培训人次', '≥100人次', '≥100人次', 10]);
    ws.addRow([null, null, null, null, null, '2-效益指标', '22-社会效益', '覆盖率', '≥90%', '', '十']);
    ws.addRow([null, null, null, null, null, '', '31-满意度', '', '', '≥95%']);
    ws.addRow([
      '乙项目',
      '约十万',
      null,
      null,
      '完成乙',
      '3-满意度指标',
      '31-服务对象满意度',
      '满意度',
      '≥95%',
      '≥98%',
    ]);
    ws.addRow(['甲项目', 10, 8, 1, '完成甲', '1-产出指标', '11-数量指标', '又一行', '1个', '1个']);
    const table = await parseTargetWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(table).toMatchObject({ year: 2025, implementingUnit: '示范单位', department: '示范单位' });
    expect(table.projects.map((p) => [p.name, p.budget, p.indicators.map((i) => i.position)])).toEqual([
      ['甲项目', { totalFen: 10_000_000, fiscalFen: 8_000_000, specialFen: 0, otherFen: 1_000_000 }, [1, 2]],
      ['乙项目', { totalFen: 0, fiscalFen: 0, specialFen: 0, otherFen: 0 }, [1]],
    ]);
    expect(table.projects[0].indicators[1]).toMatchObject({
      annualTargetText: '≥90%',
      points: null,
      target: { kind: 'quantitative', value: '90' },
    });
    expect(table.warnings.map((w) => [w.code, w.line, w.row])).toEqual([
      ['budget_columns', 3, null],
      ['level_mismatch', 3, 1],
      ['unreadable_row', 4, 2],
      ['unreadable_row', 4, 2],
      ['unreadable_row', 5, 3],
      ['missing_level', 3, null],
      ['budget_columns', 6, null],
      ['period_differs', 6, 1],
      ['missing_level', 6, null],
      ['missing_level', 6, null],
      ['unreadable_row', 7, null],
    ]);
    expect(table.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        '资金来源各列之和与总计不一致，请核对',
        '二级指标“21-社会效益”不属于一级指标“1-产出指标”，按一级指标“产出指标”计分',
        '未找到“年度指标值”，按实施周期指标值导入',
        '分值“十”不是数字，按计分规则分配',
        '第3项无法识别一级指标或指标名称，未导入：“；31-满意度；；≥95%”',
        '金额“约十万”无法识别（单位：万元，最多两位小数到分），按0导入',
        '项目“甲项目”在第7行再次出现，同一项目的行须连续，该行未导入',
      ]),
    );
  });
});

describe('targets from the database and the command line', () => {
  it('a department’s table exported from the database imports back unchanged', async () => {
    const { db, cleanup } = await tempDatabase();
    cleanups.push(cleanup);
    await seedDemo(db);
    const department = (await rowsOf(db, departments))[0];
    const table = (await loadTargetTable(db, { year: 2024, departmentId: department.id }))!;
    const back = await parseTargetWorkbook(await exportTargetWorkbook(table));
    expect(back.department).toBe('广州市白云区应急管理局');
    const outcome = await importTargetTable(db, { table: back, year: 2024, dryRun: true });
    expect(outcome).toMatchObject({
      created: [],
      updated: [],
      kept: [],
      projects: 17,
      indicators: 113,
      budgetTotal: '1408.40',
    });
    expect(outcome.unchanged).toHaveLength(17);
  });

  it('explicit 分值 from a workbook are stored with the indicators', async () => {
    const { db, cleanup } = await tempDatabase();
    cleanups.push(cleanup);
    const project = SEED.projects[2];
    const points = ['20', '10', '15', '15', '15', '15'];
    const table: TargetWorkbookTable = {
      ...SEED,
      projects: [{ ...project, indicators: project.indicators.map((ind, k) => ({ ...ind, points: points[k] })) }],
    };
    const parsed = await parseTargetWorkbook(await exportTargetWorkbook(table));
    await importTargetTable(db, { table: parsed, year: 2024 });
    expect((await db.select().from(indicators).orderBy(indicators.position)).map((i) => i.points)).toEqual(points);
  });

  it('npm run targets:import -- file.xlsx imports the workbook, and again leaves it unchanged', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-xlsx-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, '绩效目标表.xlsx');
    writeFileSync(file, await exportTargetWorkbook(SEED));
    const database = await scriptDatabase(dir);
    cleanups.push(database.cleanup);
    const dry = runScript('scripts/import-targets.ts', [file, '--dry-run', '--json'], database.env);
    expect(dry.status).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject(SEED_SUMMARY);
    const first = runScript('scripts/import-targets.ts', [file, '--json'], database.env);
    expect(JSON.parse(first.stdout).created).toHaveLength(17);
    const again = runScript('scripts/import-targets.ts', [file], database.env);
    expect(again.stdout).toContain('新增 0，更新 0，未变 17，保留 0');
  });
});
