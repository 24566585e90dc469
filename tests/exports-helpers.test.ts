import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { describeActualWithUnits } from '@/lib/evaluations/labels';
import { cellAmount, cellDecimal, cellText } from '@/lib/exports/cell-values';
import { csvField, inertText, toCsv } from '@/lib/exports/csv';
import { contentDisposition, safeFileName } from '@/lib/exports/download';
import { sanitizeSheetName, SheetNamer, SHEET_NAME_MAX } from '@/lib/exports/sheet-names';
import { evaluationSheetNames } from '@/lib/exports/workbooks';
import { parseTargetText } from '@/lib/targets/parse-target-text';

describe('CSV quoting (RFC 4180)', () => {
  it('quotes only fields with a comma, quote, line break or outer space, doubling quotes', async () => {
    expect(['简单', '1,408.40', '他说"好"', '两\r\n行', ' 前空格', '', null, 42].map(csvField)).toEqual([
      '简单',
      '"1,408.40"',
      '"他说""好"""',
      '"两\r\n行"',
      '" 前空格"',
      '',
      '',
      '42',
    ]);
  });

  it('any table of strings survives toCsv → papaparse unchanged', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\r', '\n', ' ', '1', '；') });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text, text), { minLength: 1, maxLength: 8 }), (rows) => {
        const csv = toCsv(['甲', '乙', '丙'], rows);
        expect(csv.startsWith('\uFEFF')).toBe(true);
        const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' });
        expect(parsed.data.slice(0, rows.length + 1)).toEqual([['甲', '乙', '丙'], ...rows]);
      }),
    );
  });

  it.each(['=1+1', '+86', '-减', '@SUM'])(
    'neutralises %j, which Excel would run as a formula, with a quote',
    (text) => {
      expect(inertText(text)).toBe(`'${text}`);
    },
  );

  it('leaves other text as it is, and nothing as empty', () => {
    expect(inertText('正常')).toBe('正常');
    expect(inertText('')).toBe('');
    expect(inertText(null)).toBe('');
  });
});

describe('download file names', () => {
  it('sends the Chinese name RFC 5987-encoded and a plain ASCII fallback', async () => {
    const header = contentDisposition('2024年度项目支出绩效自评.xlsx', 'evaluations-2024.xlsx');
    expect(header).toBe(
      `attachment; filename="evaluations-2024.xlsx"; filename*=UTF-8''${encodeURIComponent('2024年度项目支出绩效自评.xlsx')}`,
    );
    const match = header.match(/filename\*=UTF-8''(.+)$/)!;
    expect(decodeURIComponent(match[1])).toBe('2024年度项目支出绩效自评.xlsx');
  });

  it('strips what file systems refuse and encodes what RFC 5987 does not allow literally', async () => {
    expect(safeFileName('a/b\\c:d*e?"f"<g>|h\u0001.xlsx')).toBe('a_b_c_d_e__f__g__h_.xlsx');
    expect(safeFileName('...')).toBe('download');
    const header = contentDisposition("项目(一)'*.xlsx", 'x "y".xlsx');
    expect(header).toContain('filename="x _y_.xlsx"');
    expect(header).toContain('%28%E4%B8%80%29%27_.xlsx');
    expect(header).not.toMatch(/filename\*=[^;]*[()'*]\./);
  });
});

describe('sheet names', () => {
  it('follow Excel’s rules: ≤31 characters, none of []:*?/\\, no outer apostrophe, not History', async () => {
    expect(sanitizeSheetName('预算[2024]: 项目/经费*?\\')).toBe('预算 2024 项目 经费');
    expect(sanitizeSheetName("'引号'")).toBe('引号');
    expect(sanitizeSheetName('History', '1')).toBe('1');
    expect(sanitizeSheetName('   ', '备用')).toBe('备用');
    const long = '广州市白云区应急管理局信息化运行维护项目经费（智慧三防视频监控与内涝监测项目经费）';
    expect(sanitizeSheetName(long)).toBe(long.slice(0, 31));
    expect(sanitizeSheetName('😀'.repeat(20))).toBe('😀'.repeat(15));
  });

  it('are unique regardless of case and stay within the limit when numbered', async () => {
    const namer = new SheetNamer(['汇总']);
    const long = 'x'.repeat(40);
    expect([namer.next('汇总'), namer.next('Data'), namer.next('DATA'), namer.next(long), namer.next(long)]).toEqual([
      '汇总 (2)',
      'Data',
      'DATA (2)',
      'x'.repeat(31),
      `${'x'.repeat(27)} (2)`,
    ]);
  });

  it('every name of a year workbook is valid and distinct, even for identical long project names', async () => {
    const name = '智慧白云信息化建设项目经费（智慧三防应急指挥系统建设项目经费）';
    const names = evaluationSheetNames(Array.from({ length: 120 }, () => ({ project: { name } })) as never);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(120);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(SHEET_NAME_MAX);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
      expect(n).not.toBe('汇总');
    }
    expect(names[0]).toBe(`1 ${name}`.slice(0, 31));
  });
});

describe('reading cells of a workbook', () => {
  it('amounts: numbers to whole 分 (float noise rounded), text with separators, blanks and nonsense told apart', async () => {
    expect(cellAmount(38)).toEqual({ fen: 38_000_000 });
    expect(cellAmount(104.55)).toEqual({ fen: 104_550_000 });
    expect(cellAmount(0.1 + 0.2)).toEqual({ fen: 300_000 });
    expect(cellAmount({ formula: 'SUM(C5:C9)', result: 1408.4 })).toEqual({ fen: 1_408_400_000 });
    expect(cellAmount('1,408.40')).toEqual({ fen: 1_408_400_000 });
    expect(cellAmount(null)).toEqual({ blank: true });
    expect(cellAmount(' ')).toEqual({ blank: true });
    expect(cellAmount('约十万')).toEqual({ unreadable: '约十万' });
    expect(cellAmount(1.0000001)).toEqual({ unreadable: '1.0000001' });
  });

  it('text of rich text, formulas and hyperlinks; 分值 as exact decimals', async () => {
    expect(cellText({ richText: [{ text: '产出' }, { text: '指标' }] })).toBe('产出指标');
    expect(cellText({ formula: 'A1', result: '≥95%' })).toBe('≥95%');
    expect(cellText({ text: '链接', hyperlink: 'https://example.com' })).toBe('链接');
    expect([cellDecimal(7.5), cellDecimal('10'), cellDecimal(null), cellDecimal('十')]).toEqual([
      '7.5',
      '10',
      null,
      undefined,
    ]);
  });
});

describe('actual values as the table prints them', () => {
  it('adds the target’s units and labels', async () => {
    expect(describeActualWithUnits(parseTargetText('≥30家'), '27')).toBe('27家');
    expect(describeActualWithUnits(parseTargetText('≥95%'), '96.5')).toBe('96.5%');
    expect(describeActualWithUnits(parseTargetText('1.扫描仪1台；2.信创台式电脑13台'), ['1', '12'])).toBe(
      '扫描仪1台；信创台式电脑12台',
    );
    expect(describeActualWithUnits(parseTargetText('有效提升'), { tier: '部分达成', percent: '70' })).toBe(
      '部分达成 70%',
    );
    expect(describeActualWithUnits(parseTargetText('≥30家'), null)).toBe('');
  });
});
