import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTargetTable, type ParsedProject } from './parse-target-table';
import { PATHOLOGICAL_TABLES, realisticTable, splitSeed } from './synthetic-tables';

/**
 * What the parser makes of large and hostile inputs (1–2 MB here). How long it takes is measured by
 * `npm run bench:parser` (docs/benchmarks.md), never here.
 */

const SEED = readFileSync(new URL('../../db/seed-data/baiyun-emergency-2024-targets.txt', import.meta.url), 'utf8');
const seedTable = parseTargetTable(SEED);
const [seedFirst, ...seedRest] = seedTable.projects;

const build = (kind: string, bytes = 1_000_000) => PATHOLOGICAL_TABLES.find((p) => p.kind === kind)!.build(SEED, bytes);
/** Line numbers move when lines are added above; everything else must not. */
const withoutLines = <T>(value: T): T => JSON.parse(JSON.stringify(value, (k, v) => (k === 'line' ? undefined : v)));
const lineCount = (text: string) => text.split('\n').length - 1;
/** The run of `piece` the generator inserted. */
const runOf = (text: string, piece: string) => text.match(new RegExp(`(?:${piece})+`))![0];

function expectRestAsSeed(projects: ParsedProject[]) {
  expect(projects).toHaveLength(17);
  expect(withoutLines(projects.slice(1))).toEqual(withoutLines(seedRest));
}

describe('parseTargetTable on large generated tables', () => {
  it('reads 2 MB of the seed repeated as that many times its 17 projects, lines counted on', () => {
    const { text, copies } = realisticTable(SEED, 2_000_000);
    const table = parseTargetTable(text);
    const bodyLines = lineCount(splitSeed(SEED).body);
    expect(copies).toBeGreaterThan(70);
    expect(table.projects).toHaveLength(17 * copies);
    expect(table.declaredTotalFen).toBe(seedTable.declaredTotalFen! * copies);
    table.projects.forEach((project, i) => {
      const original = seedTable.projects[i % 17];
      expect(project.line).toBe(original.line + Math.floor(i / 17) * bodyLines);
      expect(project.name).toBe(original.name);
    });
    expect(withoutLines(table.projects.slice(-17))).toEqual(withoutLines(seedTable.projects));
    expect(withoutLines(table.warnings)).toEqual(withoutLines(Array(copies).fill(seedTable.warnings).flat()));
  });

  it('keeps a goal line of a megabyte whole', () => {
    const text = build('long-line');
    const table = parseTargetTable(text);
    expectRestAsSeed(table.projects);
    const run = runOf(text, '应急物资储备');
    expect(run.length).toBeGreaterThan(300_000);
    expect(table.projects[0]).toEqual({ ...seedFirst, goal: seedFirst.goal.replace('大楼', `大楼${run}`) });
  });

  it('rejoins tens of thousands of continuation lines, before and after the indicators', () => {
    const text = build('continuation-lines');
    const table = parseTargetTable(text);
    expectRestAsSeed(table.projects);
    const [first] = table.projects;
    const goalLines = runOf(text, '保障执法工作。\n');
    const tail = runOf(text, '、补充说明。\n');
    expect(lineCount(goalLines) + lineCount(tail)).toBeGreaterThan(40_000);
    expect(first.goal).toBe(seedFirst.goal.replace('大楼', `大楼${goalLines}`));
    expect(withoutLines(first.indicators.slice(0, 6))).toEqual(withoutLines(seedFirst.indicators.slice(0, 6)));
    expect(first.indicators[6].annualTargetText).toBe(`≥95%。${tail.replace(/\n/g, '').slice(0, -1)}`);
  });

  it('joins a name broken over tens of thousands of lines', () => {
    const text = build('name-lines');
    const table = parseTargetTable(text);
    expectRestAsSeed(table.projects);
    const pieces = runOf(text, '名称片段\n');
    expect(lineCount(pieces)).toBeGreaterThan(50_000);
    expect(withoutLines(table.projects[0])).toEqual(
      withoutLines({ ...seedFirst, name: `队伍装备基础${pieces.replace(/\n/g, '')}设施建设专项经费` }),
    );
  });

  it('reads a value of a million digits, and the line after it as the next name', () => {
    const text = build('digit-runs');
    const table = parseTargetTable(text);
    const digits = runOf(text, '\\d{1000}\n').replace(/\n/g, '');
    expect(digits.length).toBeGreaterThan(900_000);
    expect(table.projects[0].indicators[6].annualTargetText).toBe(`≥95%${digits}、说明`);
    expect(table.projects[1].name).toBe(`其后一行${seedRest[0].name}`);
    expect(table.projects.map((p) => p.indicators.length)).toEqual(seedTable.projects.map((p) => p.indicators.length));
  });

  it('keeps long runs of blanks and of separators inside names and values', () => {
    for (const [kind, nameRun, valueRun] of [
      ['space-runs', ' ', ' '],
      ['punctuation-runs', '；', '。'],
    ] as const) {
      const text = build(kind);
      const table = parseTargetTable(text);
      expectRestAsSeed(table.projects);
      const [indicator] = table.projects[0].indicators;
      const run = runOf(text.slice(text.indexOf('购买办公设备的')), nameRun);
      expect(run.length).toBeGreaterThan(100_000);
      expect(indicator.name).toBe(`购买办公设备的${run}数量`);
      expect(indicator.annualTargetText).toBe(
        `1.扫描仪1台${valueRun.repeat(run.length)}台；2.信创台式电脑13台；3.信创笔记本电脑3台`,
      );
    }
  });

  it('reads the first four of a line of two hundred thousand amounts', () => {
    const table = parseTargetTable(build('amount-runs'));
    expectRestAsSeed(table.projects);
    expect(table.projects[0].budget).toEqual({
      totalFen: 38_000_000,
      fiscalFen: 38_000_000,
      specialFen: 1_000_000,
      otherFen: 1_000_000,
    });
    expect(table.warnings.filter((w) => w.code === 'budget_columns').map((w) => w.project)).toEqual([seedFirst.name]);
  });

  it('finds no project in a table without line breaks', () => {
    const table = parseTargetTable(build('no-line-breaks'));
    expect(table.year).toBe(2024);
    expect(table.projects).toEqual([]);
    expect(table.warnings.map((w) => w.code)).toEqual(['no_projects']);
  });

  it('reads the projects under a header repeated thousands of times', () => {
    const table = parseTargetTable(build('repeated-header'));
    expect(table.year).toBe(2024);
    expect(withoutLines(table.projects)).toEqual(withoutLines(seedTable.projects));
  });

  it('numbers 999 items when tens of thousands of early “9、” come before the missing 8', () => {
    const table = parseTargetTable(build('many-items'));
    expectRestAsSeed(table.projects);
    const { indicators } = table.projects[0];
    expect(indicators.map((i) => i.position)).toEqual(Array.from({ length: 999 }, (_, i) => i + 1));
    expect(indicators[6].warnings).toContain('其后一项的序号或指标层级无法识别，该项未导入，请核对原表');
    expect(indicators.slice(7).every((i) => i.name === '指标名称' && i.annualTargetText === '≥5家')).toBe(true);
  });
});
