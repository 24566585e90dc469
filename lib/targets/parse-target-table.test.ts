import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED_SUMMARY } from '@/tests/seed-facts';
import { formatWanYuan } from '../money';
import { summarizeTable } from './import-report';
import { parseTargetTable } from './parse-target-table';

const SEED = readFileSync(new URL('../../db/seed-data/baiyun-emergency-2024-targets.txt', import.meta.url), 'utf8');

/** 合计 of each project as published in the 2024 table, in its order, with its indicator count. */
const PUBLISHED: Array<[string, string, number]> = [
  ['队伍装备基础设施建设专项经费', '38.00', 7],
  ['综合减灾和物资保障（预案管理）年度专项经费', '30.00', 6],
  ['安全生产基础工作专项经费', '21.50', 6],
  ['法律顾问与审批服务经费', '30.00', 7],
  ['智慧白云信息化建设项目经费（智慧三防应急指挥系统建设项目经费）', '10.18', 6],
  ['智慧白云信息化建设项目经费（智慧三防视频监控与内涝监测项目经费）', '104.55', 10],
  ['执法检查事故调查处理经费', '40.00', 6],
  ['三防专项经费', '15.50', 6],
  ['应急专项经费', '65.00', 7],
  ['政府雇员工资经费', '282.24', 5],
  ['政府雇员公用经费', '9.60', 4],
  ['广州市白云区应急管理局信息化运行维护项目', '27.99', 6],
  ['区无线应急通信指挥调度系统模块采购项目', '145.74', 6],
  ['广州市白云区事故灾难应急救援系统建设项目', '304.79', 6],
  ['广州市白云区安全生产综合管理信息系统2022年建设项目', '73.31', 6],
  ['应急管理及安全生产宣传教育培训专项经费', '200.00', 13],
  ['区级应急避护场所建设专项经费', '10.00', 6],
];

describe('parseTargetTable on the seed (广州市白云区应急管理局 2024)', () => {
  const table = parseTargetTable(SEED);

  it('finds the department, unit and year', () => {
    expect(table.department).toBe('广州市白云区应急管理局');
    expect(table.implementingUnit).toBe('广州市白云区应急管理局（本级）');
    expect(table.year).toBe(2024);
    expect(table.declaredTotalFen).toBe(1_408_400_000);
  });

  it('reads 17 projects, each with its published name, 合计 and indicator count', () => {
    expect(table.projects.map((p) => [p.name, formatWanYuan(p.budget.totalFen), p.indicators.length])).toEqual(
      PUBLISHED,
    );
  });

  it('puts every single-column budget into 财政拨款', () => {
    for (const p of table.projects) {
      expect(p.budget.fiscalFen).toBe(p.budget.totalFen);
      expect(p.budget.specialFen + p.budget.otherFen).toBe(0);
    }
  });

  it('summarises to 17 projects, 113 indicators and 1408.40 万元', () => {
    const report = summarizeTable(table);
    expect(report).toMatchObject(SEED_SUMMARY);
  });

  it('reports exactly the two level-code mismatches, naming project and row', () => {
    const mismatches = table.warnings.filter((w) => w.code === 'level_mismatch');
    expect(mismatches.map((w) => [w.project, w.row])).toEqual([
      ['智慧白云信息化建设项目经费（智慧三防应急指挥系统建设项目经费）', 2],
      ['执法检查事故调查处理经费', 5],
    ]);
    const row = table.projects[4].indicators[1];
    expect(row).toMatchObject({
      level1Code: '2',
      level2Code: '11',
      level2Name: '数量指标',
      name: '镇街值班值守终端标准化率',
    });
    expect(row.warnings[0]).toContain('不属于一级指标');
  });

  it('warns about projects without a 满意度 group', () => {
    const missing = table.warnings.filter((w) => w.code === 'missing_level' && w.message.includes('满意度'));
    expect(missing.map((w) => w.project)).toEqual(['综合减灾和物资保障（预案管理）年度专项经费']);
  });

  it('rejoins indicator text broken across lines, even mid-number and before 、', () => {
    const [first] = table.projects;
    expect(first.indicators.map((i) => i.name)).toEqual([
      '购买办公设备的数量',
      '采购物业管理服务服务时长',
      '办公设备的质量合格率',
      '办公设备验收合格率',
      '物管服务合格率',
      '支付相关费用的时间长度',
      '工作人员对办公设备及物业管理的满意度',
    ]);
    expect(first.indicators[3]).toMatchObject({
      periodTargetText: '≥98%',
      annualTargetText: '≥98%',
      level2Name: '质量指标',
    });
    expect(first.indicators[6]).toMatchObject({
      level1Code: '3',
      level1Name: '满意度指标',
      level2Code: '31',
      annualTargetText: '≥95%',
    });
  });

  it('keeps 绩效目标 as text, with paragraph breaks after a sentence that ends a line', () => {
    const training = table.projects[15];
    expect(training.goal.split('\n')).toHaveLength(3);
    expect(training.goal.startsWith('开展应急安全系列培训')).toBe(true);
    expect(table.projects[2].goal).toContain('委托第三方公司拖运“黑加油车”不少于4次，清洗油罐不少于2个');
  });

  it('reads the same table when the indentation of project names was lost', () => {
    const flat = parseTargetTable(SEED.replace(/^[ \t]+/gm, ''));
    expect(flat.projects.map((p) => [p.name, formatWanYuan(p.budget.totalFen), p.indicators.length])).toEqual(
      PUBLISHED,
    );
  });

  it('reads Windows line endings', () => {
    expect(parseTargetTable(SEED.replace(/\n/g, '\r\n')).projects).toHaveLength(17);
  });
});

describe('parseTargetTable on damaged input', () => {
  it('reports a row whose level cannot be read, with its project and row, and keeps the rest', () => {
    const broken = SEED.replace(
      '、1-产出指标；11-数量指标；采购物业管理服务服务时长',
      '、产出指标数量指标采购物业管理服务服务时长',
    );
    const table = parseTargetTable(broken);
    const warnings = table.warnings.filter((w) => w.project === '队伍装备基础设施建设专项经费' && w.row !== null);
    expect(warnings.map((w) => [w.row, w.code])).toEqual([
      [1, 'unreadable_row'],
      [3, 'numbering'],
    ]);
    expect(warnings[0].line).toBe(34);
    expect(table.projects).toHaveLength(17);
    expect(table.projects.slice(1).every((p) => p.indicators.length > 0)).toBe(true);
  });

  it('reports a row without a readable level-2 code', () => {
    const broken = SEED.replace(
      '、1-产出指标；11-数量指标；采购物业管理服务服务时长',
      '、1-产出指标；数量；采购物业管理服务服务时长',
    );
    const table = parseTargetTable(broken);
    expect(table.warnings.filter((w) => w.code === 'unknown_level').map((w) => [w.project, w.row])).toEqual([
      ['队伍装备基础设施建设专项经费', 2],
    ]);
  });

  it('reports a missing 年度指标值 and falls back to the 实施周期 value', () => {
    const broken = SEED.replace('指标值:30家；年度指标值:30家。', '指标值:30家。');
    const row = parseTargetTable(broken).projects[2].indicators[0];
    expect(row.annualTargetText).toBe('30家');
    expect(row.warnings.join()).toContain('年度指标值');
  });

  it('reports differing 实施周期 and 年度 values', () => {
    const changed = SEED.replace('值:≥50家；年度指标值:≥50家。', '值:≥100家；年度指标值:≥50家。');
    const table = parseTargetTable(changed);
    expect(table.warnings.filter((w) => w.code === 'period_differs').map((w) => [w.project, w.row])).toEqual([
      ['安全生产基础工作专项经费', 2],
    ]);
  });

  it('says so when the text holds no table at all', () => {
    const table = parseTargetTable('这不是绩效目标表');
    expect(table.projects).toHaveLength(0);
    expect(table.warnings.map((w) => w.code)).toContain('no_projects');
  });
});
