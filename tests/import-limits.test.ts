import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  handMadeWorkbook,
  sheetData,
  understateEntrySize,
  workbookWithCellAt,
  zipBomb,
} from '@/lib/targets/hostile-workbooks';
import { IMPORT_LIMITS } from '@/lib/targets/import-limits';
import { previewTargetImportOperation } from '@/lib/targets/import-operations';
import { parseTargetTable } from '@/lib/targets/parse-target-table';
import { parseTargetFile, parseTargetSource } from '@/lib/targets/source';
import { exportTargetWorkbook } from '@/lib/targets/xlsx';
import { checkWorkbook } from '@/lib/targets/xlsx-guard';
import { runScript, scriptDatabase, SEED_FILE } from './helpers';
import { createWorld } from './world';

/** Time and memory of these refusals are measured by `npm run bench:parser`, not here. */

const SEED = readFileSync(SEED_FILE, 'utf8');
const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-limits-'));
/** The database the script runs on (`scriptDatabase`): the SQLite file in `dir`, or a PostgreSQL database. */
let env: Record<string, string>;
let dropDatabase: () => Promise<void>;
beforeAll(async () => {
  ({ env, cleanup: dropDatabase } = await scriptDatabase(dir));
});
afterAll(async () => {
  await dropDatabase();
  rmSync(dir, { recursive: true, force: true });
});

const save = (name: string, bytes: Buffer | string) => {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
};

describe('npm run targets:import refuses an oversized source before reading it', () => {
  it('a 6 KB workbook with one cell at row 1,048,576: exit 2 and the limit, in Chinese', async () => {
    const crafted = await workbookWithCellAt('A1048576');
    expect(crafted.length).toBeLessThan(8 * 1024);
    const { status, stdout, stderr } = runScript(
      'scripts/import-targets.ts',
      [save('crafted.xlsx', crafted), '--dry-run'],
      env,
    );
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe('工作表 sheet1 的范围 A1:E1048576 用到第 1,048,576 行，超过 20,000 行的上限，未导入');
  });

  it('a text file over 8 MB', () => {
    const text = SEED.repeat(Math.ceil((IMPORT_LIMITS.textBytes + 1) / Buffer.byteLength(SEED)));
    const bytes = Buffer.byteLength(text).toLocaleString('en-US');
    const { status, stderr } = runScript('scripts/import-targets.ts', [save('big.txt', text), '--dry-run'], env);
    expect(status).toBe(2);
    expect(stderr.trim()).toBe(`目标表文本为 8 MB（${bytes} 字节），超过 8 MB 的上限，未导入`);
  });

  it('an xlsx file over 5 MB, by its size alone', async () => {
    const file = save('padded.xlsx', Buffer.alloc(IMPORT_LIMITS.xlsxBytes + 1));
    await expect(parseTargetFile(file)).resolves.toEqual({
      ok: false,
      refusal: {
        limit: 'xlsxBytes',
        actual: 5_242_881,
        message: 'xlsx 文件为 5 MB（5,242,881 字节），超过 5 MB 的上限，未导入',
      },
    });
  });
});

describe('checkWorkbook', () => {
  const refusal = async (bytes: Buffer | Promise<Buffer>) => (await checkWorkbook(await bytes))?.message;

  it('lets our own export of the seed and a workbook at the very limits through', async () => {
    expect(await checkWorkbook(await exportTargetWorkbook(parseTargetTable(SEED)))).toBeNull();
    expect(await checkWorkbook(await workbookWithCellAt('BH20000'))).toBeNull();
    const wholeColumns = '<cols><col min="1" max="16384" width="9"/></cols>';
    expect(await checkWorkbook(await handMadeWorkbook({ sheet: wholeColumns + sheetData(['A1']) }))).toBeNull();
  });

  it('refuses by the dimension, by rows, by columns', async () => {
    expect(await refusal(workbookWithCellAt('A20001'))).toBe(
      '工作表 sheet1 的范围 A1:E20001 用到第 20,001 行，超过 20,000 行的上限，未导入',
    );
    expect(await refusal(workbookWithCellAt('BI1'))).toBe(
      '工作表 sheet1 的范围 A1:BI1 用到第 61 列，超过 60 列的上限，未导入',
    );
  });

  it('scans the cells when the dimension lies or is missing, and stops at the first beyond the limits', async () => {
    const lying = handMadeWorkbook({ sheet: `<dimension ref="A1:C3"/>${sheetData(['A1', 'A1048576'])}` });
    expect(await refusal(lying)).toBe('工作表 sheet1 用到第 1,048,576 行，超过 20,000 行的上限，未导入');
    const cellOnly = handMadeWorkbook({
      sheet: '<sheetData><row r="2"><c r="B2"/><c/><c r="XFD2"/></row></sheetData>',
    });
    expect(await refusal(cellOnly)).toBe('工作表 sheet1 的单元格 XFD2 用到第 16,384 列，超过 60 列的上限，未导入');
    // Rows and cells without `r` count on from the one before.
    const rows = '<sheetData><row r="20000"/><row/></sheetData>';
    expect(await refusal(handMadeWorkbook({ sheet: rows }))).toBe(
      '工作表 sheet1 用到第 20,001 行，超过 20,000 行的上限，未导入',
    );
    const columns = `<sheetData><row>${'<c/>'.repeat(61)}</row></sheetData>`;
    expect(await refusal(handMadeWorkbook({ sheet: columns }))).toBe(
      '工作表 sheet1 的单元格 BI1 用到第 61 列，超过 60 列的上限，未导入',
    );
  });

  it('refuses merges, validations and defined names that would make exceljs create cells beyond the limits', async () => {
    const cells = sheetData(['A1']);
    expect(
      await refusal(
        handMadeWorkbook({ sheet: `${cells}<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>` }),
      ),
    ).toBe('工作表 sheet1 的合并单元格 A1:XFD1048576 用到第 1,048,576 行，超过 20,000 行的上限，未导入');
    const validation = '<dataValidation type="list" sqref="A1 B2:B1048576"><formula1>"a"</formula1></dataValidation>';
    expect(await refusal(handMadeWorkbook({ sheet: `${cells}<dataValidations>${validation}</dataValidations>` }))).toBe(
      '工作表 sheet1 的数据验证 B2:B1048576 用到第 1,048,576 行，超过 20,000 行的上限，未导入',
    );
    const definedNames = '<definedName name="全表">Sheet1!$A$1:$XFD$1048576</definedName>';
    expect(await refusal(handMadeWorkbook({ sheet: cells, definedNames }))).toBe(
      '定义名称“全表”（Sheet1!$A$1:$XFD$1048576）用到第 1,048,576 行，超过 20,000 行的上限，未导入',
    );
  });

  it('refuses a zip bomb by the sizes its directory declares, without inflating it', async () => {
    const bomb = await zipBomb(60 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(IMPORT_LIMITS.xlsxBytes / 20);
    expect(await refusal(bomb)).toMatch(/^xlsx 文件解压后为 60 MB（[\d,]+ 字节），超过 50 MB 的上限，未导入$/);
  });

  it('refuses an entry that inflates to more than its directory says', async () => {
    const liar = understateEntrySize(await zipBomb(10 * 1024 * 1024), 'xl/media/padding.bin', 1024);
    expect(await refusal(liar)).toBe(
      'xlsx 文件已损坏或被改动过（xl/media/padding.bin 的实际大小与压缩目录不符），未导入',
    );
  });

  it('refuses what is not a zip with the reader’s own message', async () => {
    expect(await refusal(Buffer.from('这不是 Excel 文件'))).toBe(
      '无法读取该文件：请上传 .xlsx 格式（Excel 2007 及以上）的绩效目标表',
    );
  });
});

describe('the import page refuses the same way, next to the content field', () => {
  it('a crafted workbook and a text over 8 MB', async () => {
    const world = await createWorld();
    try {
      const preview = (format: 'text' | 'xlsx', content: string) =>
        world.run(previewTargetImportOperation, world.actors.admin, { year: '2025', sourceName: 'x', format, content });
      const crafted = (await workbookWithCellAt('A1048576')).toString('base64');
      const message = '工作表 sheet1 的范围 A1:E1048576 用到第 1,048,576 行，超过 20,000 行的上限，未导入';
      expect(await preview('xlsx', crafted)).toMatchObject({ ok: false, code: 'invalid', message });
      expect(await preview('xlsx', crafted)).toMatchObject({ fieldErrors: { content: message } });
      // 3,000,000 characters of Chinese are 9 MB of UTF-8: within zod's length cap, over the text limit.
      const text = '绩'.repeat(3_000_000);
      expect(await preview('text', text)).toMatchObject({
        ok: false,
        fieldErrors: { content: '目标表文本为 8.58 MB（9,000,000 字节），超过 8 MB 的上限，未导入' },
      });
      expect(await preview('text', 'x'.repeat(IMPORT_LIMITS.textBytes + 1))).toMatchObject({
        ok: false,
        fieldErrors: { content: expect.stringMatching(/^内容为 8 MB（8,388,609 字节），超过导入的上限/) },
      });
    } finally {
      await world.cleanup();
    }
  });

  it('parseTargetSource passes a table within the limits on to the parser', async () => {
    const parsed = await parseTargetSource({ format: 'text', content: SEED });
    expect(parsed.ok && parsed.table.projects).toHaveLength(17);
  });
});
