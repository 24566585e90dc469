import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copiedCells } from '@/tests/copied-cells';
import { summarizeTable } from './import-report';
import { parseTargetTable } from './parse-target-table';
import { looksLikePastedCells, splitPastedCells } from './pasted-cells';
import { parseTargetSource } from './source';
import { exportTargetWorkbook, parseTargetWorkbook } from './xlsx';

const SEED = readFileSync(path.join(process.cwd(), 'db', 'seed-data', 'baiyun-emergency-2024-targets.txt'), 'utf8');
const TITLE = '广州市白云区应急管理局（本级）2024年项目支出绩效目标表（含转移支付项目）';

/** A text as pasted: the outcome of parsing it, which must be a table. */
async function tableOf(content: string) {
  const outcome = await parseTargetSource({ format: 'text', content });
  if (!outcome.ok) throw new Error(outcome.refusal.message);
  return outcome.table;
}

describe('text copied from a PDF that cannot be read as a table blocks the import', () => {
  it('the header lines run together into a project’s name', async () => {
    // The column names came out of the PDF in another order, and the 合计 line was not selected:
    // nothing marks where the header ends, so it runs into the first project's name.
    const header = SEED.slice(0, SEED.indexOf('广州市白云区应急\n\n管理局'));
    const garbled = header
      .replace(
        '总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标',
        '总计 财政拨款 财政专户拨款 其他资金 绩效指标 绩效目标',
      )
      .replace(/合计 1,408\.40 1,408\.40\n/, '');
    const table = await tableOf(garbled + SEED.slice(SEED.indexOf('    队伍装备基础')));
    const report = summarizeTable(table);
    expect(report.blocking[0]).toMatchObject({
      project: expect.stringContaining(TITLE.slice(0, 20)),
      message: expect.stringContaining('表头的几行被当成了项目'),
    });
    expect(report.blocking[0].project!.length).toBeLessThanOrEqual(41);
  });

  it('the header and the 合计 line on one line: the header becomes the department', async () => {
    const merged = SEED.replace(
      '其他资金 绩效目标 绩效指标\n\n合计 1,408.40',
      '其他资金 绩效目标 绩效指标 合计 1,408.40',
    );
    const report = summarizeTable(await tableOf(merged));
    expect(report.projects).toBe(17);
    expect(report.blocking).toEqual([
      { project: null, message: expect.stringMatching(/^部门名称“.*含有表头文字“绩效目标表”：未能识别表头/) },
    ]);
  });

  it('a project with no indicator at all', async () => {
    const cut = SEED.split('\n').slice(0, 40).join('\n') + '\n\n    其他工作经费\n12.00 12.00\n\n开展其他工作。\n';
    const report = summarizeTable(await tableOf(cut));
    expect(report.blocking).toEqual([
      { project: '其他工作经费', message: expect.stringContaining('没有识别到任何绩效指标') },
    ]);
  });

  it('the published table itself has nothing that blocks', () => {
    expect(summarizeTable(parseTargetTable(SEED)).blocking).toEqual([]);
  });
});

describe('cells pasted from our own target workbook', () => {
  it('read exactly as the workbook they were copied from', async () => {
    const seed = parseTargetTable(SEED);
    const xlsx = await exportTargetWorkbook(seed);
    const pasted = await copiedCells(xlsx);
    expect(looksLikePastedCells(pasted)).toBe(true);
    const fromCells = await tableOf(pasted);
    const fromWorkbook = await parseTargetWorkbook(xlsx);
    expect(fromCells).toEqual(fromWorkbook);
    expect(summarizeTable(fromCells)).toMatchObject({
      projects: 17,
      indicators: 113,
      budgetTotal: '1408.40',
      blocking: [],
    });
    expect(fromCells.projects.map((p) => p.name)).toEqual(seed.projects.map((p) => p.name));
  });

  it('the PDF’s own text is not taken for pasted cells, even with a tab in it', () => {
    expect(looksLikePastedCells(SEED)).toBe(false);
    expect(looksLikePastedCells(SEED.replace('总计 财政拨款', '总计\t财政拨款'))).toBe(false);
  });

  it('splits quoted cells with tabs, line breaks and quotes, and LF or CRLF rows', () => {
    const text = 'a\t"b\tc"\t"line1\nline2"\r\n"say ""hi"""\t\tz\n';
    expect(splitPastedCells(text, { rows: 10, columns: 10 })).toEqual({
      rows: [
        ['a', 'b\tc', 'line1\nline2'],
        ['say "hi"', '', 'z'],
      ],
    });
  });

  it('stops at the first row or column beyond the limits, and the import refuses the paste', async () => {
    expect(splitPastedCells('x\n'.repeat(11), { rows: 10, columns: 5 })).toEqual({ tooMany: 'rows', at: 11 });
    expect(splitPastedCells('a\tb\tc\n', { rows: 10, columns: 2 })).toEqual({ tooMany: 'columns', at: 3 });
    const header = '项目名称\t一级指标\t二级指标\t三级指标\t年度指标值\n';
    const refused = await parseTargetSource({ format: 'text', content: header + '项目\t1-产出指标\n'.repeat(20_000) });
    expect(refused).toMatchObject({ ok: false, refusal: { limit: 'xlsxRows', actual: 20_001 } });
    expect(!refused.ok && refused.refusal.message).toContain('粘贴的单元格用到第 20,001 行');
  });
});
