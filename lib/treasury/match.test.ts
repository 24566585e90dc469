import { describe, expect, it } from 'vitest';
import { readCsv, splitCsv } from './csv-text';
import { matchExecutionRows, type ExecutionCandidate } from './match';
import { readTreasuryFile, type TreasuryRow } from './read-file';

const candidate = (projectId: number, department: string, project: string): ExecutionCandidate => ({
  evaluationId: projectId + 100,
  projectId,
  project,
  department,
  departmentId: department === '应急管理局' ? 1 : 2,
  ownerId: null,
  status: 'draft',
  version: 1,
  executedFen: null,
  importedFen: null,
});

const CANDIDATES = [
  candidate(1, '应急管理局', '三防专项经费'),
  candidate(2, '应急管理局', '应急专项经费'),
  candidate(3, '水务局', '三防专项经费'),
];

const row = (n: number, fields: Partial<Omit<TreasuryRow, 'amount'>> & { amount?: string }): TreasuryRow => ({
  row: n,
  department: fields.department ?? '',
  code: fields.code ?? '',
  name: fields.name ?? '',
  amount: { text: fields.amount ?? '1' },
});

describe('matching treasury rows to evaluations', () => {
  it('matches by 项目编码, and by 项目名称 within its 部门', () => {
    const found = matchExecutionRows(
      [
        row(2, { code: '2', amount: '12.345678' }),
        row(3, { department: '水务局', name: '三防 专项经费', amount: '3' }),
      ],
      CANDIDATES,
    );
    expect(found.matched.map((m) => [m.row, m.candidate.projectId, m.amountFen])).toEqual([
      [2, 2, 12_345_678],
      [3, 3, 3_000_000],
    ]);
    expect([found.unmatched, found.ambiguous, found.problems]).toEqual([[], [], []]);
  });

  it('calls a name found in several departments, and two rows naming one project, ambiguous', () => {
    const found = matchExecutionRows(
      [row(2, { name: '三防专项经费' }), row(3, { name: '应急专项经费' }), row(4, { code: '2', amount: '2' })],
      CANDIDATES,
    );
    expect(found.matched).toEqual([]);
    expect(found.ambiguous.map((a) => [a.row, a.message])).toEqual([
      [2, '多个部门有同名项目（应急管理局“三防专项经费”、水务局“三防专项经费”），请填写部门或项目编码'],
      [3, '与第4行是同一个项目（应急管理局“应急专项经费”），请只保留一行'],
      [4, '与第3行是同一个项目（应急管理局“应急专项经费”），请只保留一行'],
    ]);
  });

  it('calls a code that names another project than the row’s name ambiguous, an unknown project unmatched', () => {
    const found = matchExecutionRows(
      [
        row(2, { code: '1', name: '应急专项经费' }),
        row(3, { code: '99' }),
        row(4, { department: '水务局', name: '应急专项经费' }),
        row(5, { department: '教育局', name: '三防专项经费' }),
      ],
      CANDIDATES,
    );
    expect(found.ambiguous.map((a) => a.row)).toEqual([2]);
    expect(found.unmatched.map((u) => u.message)).toEqual([
      '项目编码 99 在该年度没有对应的项目',
      '水务局没有名为“应急专项经费”的项目',
      '部门“教育局”在该年度没有项目',
    ]);
  });

  it('reports every bad row with its row number: no amount, not an amount, finer than 分, negative, no project', () => {
    const found = matchExecutionRows(
      [
        row(2, { code: '1', amount: '' }),
        row(3, { code: '1', amount: '十二' }),
        row(4, { code: '1', amount: '1.0000001' }),
        row(5, { code: '1', amount: '-3' }),
        row(6, { amount: '3' }),
        row(7, { code: 'A-1', amount: '3' }),
      ],
      CANDIDATES,
    );
    expect(found.problems.map((p) => p.row)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(found.problems[0].message).toBe('第2行：全年执行数为空');
    expect(found.matched).toEqual([]);
  });
});

describe('reading a treasury file', () => {
  it('reads CSV in UTF-8 with a BOM or in GB18030 (Excel on Chinese Windows), quotes and commas included', async () => {
    const text = '国库支付系统导出\r\n部门,项目名称,全年执行数（万元）\r\n应急管理局,"三防专项经费",”1,234.5”\r\n';
    expect(splitCsv('a,"b ""c"", d"\n\n1,2')).toEqual({ ok: true, rows: [['a', 'b "c", d'], [''], ['1', '2']] });
    const utf8 = await readTreasuryFile(Buffer.from(`\uFEFF${text.replace('”1,234.5”', '"1,234.5"')}`));
    expect(utf8).toEqual({
      ok: true,
      rows: [{ row: 3, department: '应急管理局', code: '', name: '三防专项经费', amount: { text: '1,234.5' } }],
    });
    const gbk = Buffer.from([0xb2, 0xbf, 0xc3, 0xc5, 0x2c, 0xcf, 0xee, 0xc4, 0xbf, 0xb1, 0xe0, 0xc2, 0xeb]);
    expect(readCsv(gbk)).toEqual({ ok: true, rows: [['部门', '项目编码']] });
  });

  it('refuses a file without the columns, an amount in 元, and an unclosed quote, with a message', async () => {
    const refused = async (text: string) => {
      const read = await readTreasuryFile(Buffer.from(text));
      return read.ok ? null : read.message;
    };
    expect(await refused('名称,金额\n三防,1\n')).toMatch(/找不到表头/);
    expect(await refused('项目编码,全年执行数(元)\n1,100\n')).toMatch(/单位是“元”/);
    expect(await refused('项目编码,全年执行数\n1,"100\n')).toMatch(/第2行的引号没有闭合/);
  });
});
