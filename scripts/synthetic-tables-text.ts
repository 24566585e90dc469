import { formatWanYuan } from '@/lib/money';
import type { ParsedTable } from '@/lib/targets/parse-target-table';

/**
 * A parsed target table written back as the text a PDF extraction gives (title, 部门名称, header,
 * 合计, the unit's line, then each project: name, amounts, goal, numbered indicators): what
 * `npm run targets:import` reads, for the multi-file import's test and benchmark.
 */
export function targetTableText(table: ParsedTable): string {
  const amounts = (fen: { totalFen: number; fiscalFen: number; specialFen: number; otherFen: number }) =>
    [fen.totalFen, fen.fiscalFen, fen.specialFen, fen.otherFen]
      .map((f, i) => (i === 0 || f !== 0 ? formatWanYuan(f) : ''))
      .filter(Boolean)
      .join(' ');
  const sum = (key: 'totalFen' | 'fiscalFen' | 'specialFen' | 'otherFen') =>
    table.projects.reduce((n, p) => n + p.budget[key], 0);
  const total = {
    totalFen: sum('totalFen'),
    fiscalFen: sum('fiscalFen'),
    specialFen: sum('specialFen'),
    otherFen: sum('otherFen'),
  };
  const lines = [
    `${table.implementingUnit}${table.year}年项目支出绩效目标表`,
    '',
    `部门名称：${table.implementingUnit} 单位：万元`,
    '',
    '项目名称（资金使用单位）',
    '总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标',
    '',
    `合计 ${amounts(total)}`,
    '',
    table.department,
    amounts(total),
    '',
  ];
  for (const project of table.projects) {
    const indicators = project.indicators
      .map(
        (ind, i) =>
          `${i + 1}、${ind.level1Code}-${ind.level1Name}；${ind.level2Code}-${ind.level2Name}；${ind.name}；实施周期指标值:${ind.periodTargetText}；年度指标值:${ind.annualTargetText}。`,
      )
      .join('');
    lines.push(project.name, '', amounts(project.budget), '', project.goal, '', indicators, '');
  }
  return `${lines.join('\n')}\n`;
}
