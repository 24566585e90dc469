import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { COLUMNS } from '../lib/entry/layout';
import { formatScore } from '../lib/format';
import { NATIONAL_SCHEME, scoreEvaluation } from '../lib/scoring';
import { parseTargetText } from '../lib/targets/parse-target-text';
import { docxText } from '../tests/docx-text';
import { rowOfIndicator } from '../tests/entry-support';
import { addOtherDepartment } from './support/data';
import { expect, openEvaluation, test as shared, workerServer } from './support/fixtures';
import { apiAs } from './support/http';
import type { TestServer } from './support/server';
import type { Page } from '@playwright/test';

/** Changes owner1's evaluations: a server and database of its own. */
const test = shared.extend<object, { server: TestServer }>({
  server: workerServer((server) => addOtherDepartment(server.dataDir)),
});

const PROJECT = '队伍装备基础设施建设专项经费';

interface Detail {
  id: number;
  version: number;
  selfScore: string;
  selfGrade: string;
  budget: { initial: string };
  indicators: Array<{
    id: number;
    name: string;
    level1: string;
    target: string;
    actual: unknown;
    selfScore: string | null;
  }>;
}

async function downloadEntry(page: Page, fileName = `绩效自评填报表-2024-${PROJECT}.xlsx`): Promise<ExcelJS.Workbook> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '下载填报表' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(fileName);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ExcelJS.Buffer);
  return wb;
}

async function upload(page: Page, wb: ExcelJS.Workbook) {
  await page.getByLabel('上传已填写的填报表').setInputFiles({
    name: 'entry.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  });
  await expect(page.getByTestId('entry-preview')).toBeVisible();
}

test('offline entry: download, fill in Excel, upload, preview, confirm; a bad number saves nothing', async ({
  pageAs,
  server,
}) => {
  test.setTimeout(120_000);
  const page = await pageAs('owner1');
  await openEvaluation(page, PROJECT);
  const api = await apiAs(server.url, 'owner1');
  const id = Number(page.url().split('/').pop());
  const read = async (): Promise<Detail> => (await api.get(`/api/evaluations/${id}`)).json();
  const before = await read();
  const byName = (name: string) => before.indicators.find((i) => i.name === name)!;

  // A met target, a missed one with its explanation, a compound, a qualitative.
  const wb = await downloadEntry(page);
  const ws = wb.worksheets[0];
  rowOfIndicator(ws, byName('办公设备的质量合格率').id).getCell(COLUMNS.value).value = '99';
  const missed = rowOfIndicator(ws, byName('办公设备验收合格率').id);
  missed.getCell(COLUMNS.value).value = '90';
  missed.getCell(COLUMNS.explanation).value = '两批设备验收不合格，已退换。';
  ['1', '12', '3'].forEach(
    (v, part) => (rowOfIndicator(ws, byName('购买办公设备的数量').id, part).getCell(COLUMNS.value).value = v),
  );
  const tier = rowOfIndicator(ws, byName('支付相关费用的时间长度').id);
  tier.getCell(COLUMNS.value).value = '部分达成';
  tier.getCell(COLUMNS.percent).value = '75';
  await upload(page, wb);
  const changes = page.getByTestId('entry-changes');
  await expect(changes.getByRole('row')).toHaveCount(6); // header + 5 changes
  await expect(changes).toContainText(`${missed.number}`);
  await expect(changes).toContainText('两批设备验收不合格，已退换。');
  await expect(changes).toContainText('1；12；3');
  await expect(changes).toContainText('部分达成 75%');
  await page.getByRole('button', { name: '确认导入' }).click();
  const importedMessage = page.getByRole('status').filter({ hasText: '已从 Excel 导入 1 个项目的 5 处修改' });
  await expect(importedMessage).toBeVisible();

  const saved = await read();
  const actual = (name: string) => saved.indicators.find((i) => i.name === name)!.actual;
  expect(actual('办公设备的质量合格率')).toBe('99');
  expect(actual('购买办公设备的数量')).toEqual(['1', '12', '3']);
  expect(actual('支付相关费用的时间长度')).toEqual({ tier: '部分达成', percent: '75' });
  const engine = scoreEvaluation({
    scheme: NATIONAL_SCHEME,
    budget: { initial: saved.budget.initial, executed: null },
    indicators: saved.indicators.map((ind) => ({
      name: ind.name,
      level1Code: ind.level1 === '满意度指标' ? '3' : ind.level1 === '效益指标' ? '2' : '1',
      target: parseTargetText(ind.target),
      actual: (ind.actual ?? null) as never,
      explanation: ind.name === '办公设备验收合格率' ? '两批设备验收不合格，已退换。' : '',
    })),
  });
  expect(saved.selfScore).toBe(formatScore(engine.selfTotal));
  expect(saved.indicators.map((i) => i.selfScore)).toEqual(
    engine.indicators.map((s) => (s.missingActual ? null : formatScore(s.selfScore))),
  );
  await expect(page.getByTestId('live-total')).toHaveText(formatScore(engine.finalTotal));
  await expect(page.getByLabel('办公设备的质量合格率 实际完成值')).toHaveValue('99');
  // The form started again from what was saved (a new version), and the import's message is still there.
  await expect(importedMessage).toBeVisible();
  // The head's 修改记录 (owners have the timeline instead) marks each imported change.
  const head = await pageAs('head');
  await head.goto(`/evaluations/${id}`);
  await head.getByText(/^修改记录（/).click();
  const imported = head.getByTestId('audit-table').getByRole('row').filter({ hasText: '从 Excel 导入' });
  await expect(imported).toHaveCount(5);
  await expect(imported.filter({ hasText: '两批设备验收不合格，已退换。' })).toHaveCount(1);

  // Letters in a number: the row's message, no confirming, nothing saved.
  const second = await downloadEntry(page);
  const bad = rowOfIndicator(second.worksheets[0], byName('物管服务合格率').id);
  bad.getCell(COLUMNS.value).value = '百分之百';
  await upload(page, second);
  await expect(page.getByTestId('entry-problems')).toHaveText(
    `第${bad.number}行：“物管服务合格率”的实际完成值：请输入数字，如 95 或 95.5`,
  );
  await expect(page.getByRole('button', { name: '确认导入' })).toBeDisabled();
  await page.getByRole('button', { name: '取消' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已取消导入，未做任何修改。' })).toBeVisible();
  expect((await read()).version).toBe(saved.version);
});

test('one workbook for all of an owner’s projects, from the project list: each sheet saved to its own project', async ({
  pageAs,
  server,
}) => {
  test.setTimeout(120_000);
  const page = await pageAs('owner1', '/projects?year=2024');
  const wb = await downloadEntry(page, '2024年度绩效自评填报表-张伟.xlsx');
  expect(wb.worksheets.length).toBeGreaterThan(2);
  const api = await apiAs(server.url, 'owner1');
  const list: Array<{ id: number; project: string }> = (await (await api.get('/api/years/2024/evaluations')).json())
    .items;
  const detailOf = async (project: string): Promise<Detail> =>
    (await api.get(`/api/evaluations/${list.find((e) => e.project === project)!.id}`)).json();
  // The second and third sheets: one number in each, into the first single-number indicator without an actual.
  const filled: Array<{ project: string; indicator: string; version: number }> = [];
  for (const ws of wb.worksheets.slice(1, 3)) {
    const project = String(ws.getCell('A1').value).replace(/（2024年度）绩效自评填报表$/, '');
    const detail = await detailOf(project);
    const open = detail.indicators.find((i) => i.actual === null && parseTargetText(i.target).kind === 'quantitative')!;
    rowOfIndicator(ws, open.id).getCell(COLUMNS.value).value = '1';
    filled.push({ project, indicator: open.name, version: detail.version });
  }
  await upload(page, wb);
  await expect(page.getByTestId('entry-changes')).toHaveCount(2);
  for (const { project } of filled) await expect(page.getByTestId('entry-preview')).toContainText(project);
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已从 Excel 导入 2 个项目的 2 处修改' })).toBeVisible();
  for (const { project, indicator, version } of filled) {
    const saved = await detailOf(project);
    expect(saved.version, project).toBe(version + 1);
    expect(saved.indicators.find((i) => i.name === indicator)!.actual).toBe('1');
  }
});

const SECTIONS = {
  项目概况: '本项目保障应急管理局办公设备和物业管理服务。',
  偏差原因补充分析: '设备供货周期长于预期。',
  存在的问题及改进措施: '采购计划应提前一个季度编制。',
  自评结果应用: '自评结果作为下年度预算安排的依据。',
};

test('the 自评报告: written in its tab, saved with the draft, in the .docx and the print view; the department report', async ({
  pageAs,
  server,
}) => {
  test.setTimeout(120_000);
  const page = await pageAs('owner1');
  await openEvaluation(page, '三防专项经费');
  const id = Number(page.url().split('/').pop());
  await page.getByLabel('保障三防应急值守、指挥调度、各类会议的次数 实际完成值').fill('240');
  await page.getByRole('tab', { name: '自评报告' }).click();
  for (const [label, text] of Object.entries(SECTIONS)) await page.getByLabel(`自评报告 ${label}`).fill(text);
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存草稿' })).toBeVisible();

  const owner = await apiAs(server.url, 'owner1');
  const detail: Detail = await (await owner.get(`/api/evaluations/${id}`)).json();
  const res = await owner.get(`/api/evaluations/${id}/report.docx`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const { text } = await docxText(await res.body());
  expect(text).toContain('三防专项经费绩效自评报告');
  expect(text).toContain(`项目总分${detail.selfScore}分`);
  expect(text).toContain(`自评等级为“${detail.selfGrade}”`);
  for (const ind of detail.indicators) expect(text).toContain(ind.name);
  for (const section of Object.values(SECTIONS)) expect(text).toContain(section);

  await page.goto(`/evaluations/${id}/report`);
  const printed = page.getByTestId('report-document');
  await expect(printed.getByRole('heading', { name: '一、项目基本情况' })).toBeVisible();
  await expect(printed.getByTestId('report-problems')).toContainText(SECTIONS.存在的问题及改进措施);
  await expect(printed.getByTestId('mof-table')).toBeVisible();

  // The department head's report: every project of the department.
  const head = await pageAs('head');
  await head.goto('/projects');
  const href = await head.getByRole('link', { name: /下载部门自评报告/ }).getAttribute('href');
  const headApi = await apiAs(server.url, 'head');
  const report = await headApi.get(href!);
  expect(report.status()).toBe(200);
  const projects: Array<{ project: string }> = (await (await headApi.get('/api/years/2024/evaluations')).json()).items;
  expect(projects).toHaveLength(17);
  const lines = (await docxText(await report.body())).text.split('\n');
  for (const { project } of projects) expect(lines, project).toContain(`${project}绩效自评报告`);
});
