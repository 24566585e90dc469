import { readFile } from 'node:fs/promises';
import { parseTargetWorkbook } from '../lib/targets/xlsx';
import { copiedCells } from '../tests/copied-cells';
import { expect, isolatedTest } from './support/fixtures';
import { openTargetImport, previewPastedTargets, SEED_TARGETS, seedTargetsWith } from './support/targets';
import type { Page } from '@playwright/test';

/**
 * 导入绩效目标表 by paste (issue 14, point 12): text that cannot be read as a table is a blocking error in
 * the preview, never a bogus project; cells copied from our own target workbook import; the page offers
 * a blank template and an example. A worker server of its own: the paste is imported into a new year.
 */
const test = isolatedTest();

/** The header and the 合计 line came out of the PDF as one line: the header lines become the department's name. */
const HEADER_RUN_INTO_TOTAL: [string, string] = [
  '其他资金 绩效目标 绩效指标\n\n合计 1,408.40',
  '其他资金 绩效目标 绩效指标 合计 1,408.40',
];

/** Clicks a download link and returns the file's name and bytes. */
async function download(page: Page, name: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

test('a paste whose header runs into the names is blocked with its reason; 确认导入 stays disabled', async ({
  page,
}) => {
  await openTargetImport(page);
  const preview = await previewPastedTargets(page, { year: 2033, text: seedTargetsWith(HEADER_RUN_INTO_TOTAL) });
  const blocking = preview.getByTestId('preview-blocking');
  await expect(blocking).toContainText('无法导入，请修改后重新预览');
  await expect(blocking).toContainText('含有表头文字“绩效目标表”：未能识别表头');
  const confirm = page.getByRole('button', { name: '确认导入' });
  await expect(confirm).toBeDisabled();
  await expect(confirm).toHaveAccessibleDescription(/含有表头文字/);

  // The published text as it should be copied previews with nothing blocking.
  await previewPastedTargets(page, { year: 2033, text: SEED_TARGETS });
  await expect(page.getByTestId('preview-projects')).toHaveText('17');
  await expect(blocking).toHaveCount(0);
  await expect(confirm).toBeEnabled();
});

test('the blank template and the example download; the example uploads, and its cells copied and pasted import', async ({
  page,
}) => {
  await openTargetImport(page);
  const template = await download(page, '下载空白模板（.xlsx）');
  expect(template.name).toBe('绩效目标表空白模板.xlsx');
  const blank = await parseTargetWorkbook(template.bytes);
  expect(blank.projects).toEqual([]);
  expect(blank.warnings.map((w) => w.code)).toEqual(['no_projects']);

  const example = await download(page, '下载示例（.xlsx）');
  expect(example.name).toMatch(/^绩效目标表示例.*\.xlsx$/);
  expect((await parseTargetWorkbook(example.bytes)).projects).toHaveLength(17);

  // The example uploaded as it is (read in the server's worker thread)…
  await page.getByRole('button', { name: '上传文件' }).click();
  await page.getByLabel('目标表文件（.txt 或 .xlsx）').setInputFiles({
    name: example.name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: example.bytes,
  });
  await page.getByRole('button', { name: '预览' }).click();
  await expect(page.getByTestId('preview-projects')).toHaveText('17');
  await page.getByRole('button', { name: '取消' }).click();
  await page.getByRole('button', { name: '粘贴文本' }).click();

  // …and its cells selected in Excel, copied, and pasted into the text box.
  await previewPastedTargets(page, { year: 2033, text: await copiedCells(example.bytes) });
  await expect(page.getByTestId('preview-projects')).toHaveText('17');
  await expect(page.getByTestId('preview-indicators')).toHaveText('113');
  await expect(page.getByTestId('preview-budget')).toHaveText('1408.40');
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByRole('status')).toContainText('已导入 2033 年度：新增 17 个项目');
  await page.getByRole('link', { name: '查看 2033 年度项目' }).click();
  await expect(page.getByRole('link', { name: '队伍装备基础设施建设专项经费', exact: true })).toBeVisible();
});
