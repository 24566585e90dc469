import { expect, test } from './support/fixtures';
import { apiAs } from './support/http';
import type { Page } from '@playwright/test';

/** Issue 14 point 7: targets as published, 分值 on the project page, import diagnostics for admin and finance only. */

/** Its 镇街值班值守终端标准化率 (`100%`, no sign) sits under 2-效益指标 with the code 11-数量指标: the import warned. */
const MISMATCHED = '智慧白云信息化建设项目经费（智慧三防应急指挥系统建设项目经费）';
const MISMATCH_WARNING = '二级指标“11-数量指标”不属于一级指标“2-效益指标”，按一级指标“效益指标”计分';
/** `30家` and `405支`: bare numbers, scored as at least. */
const UNSIGNED = '安全生产基础工作专项经费';

async function openProject(page: Page, project: string) {
  await page.goto('/projects');
  await page.getByRole('link', { name: project, exact: true }).click();
  await expect(page.getByRole('heading', { name: project })).toBeVisible();
  return page.getByTestId('indicator-table');
}

/** The engine's 分值 of each indicator, as the evaluation's JSON gives them. */
async function enginePoints(baseURL: string, project: string): Promise<string[]> {
  const api = await apiAs(baseURL, 'finance');
  const list = await (await api.get('/api/years/2024/evaluations?pageSize=500')).json();
  const id: number = list.items.find((e: { project: string }) => e.project === project).id;
  const detail = await (await api.get(`/api/evaluations/${id}`)).json();
  return detail.indicators.map((ind: { points: string }) => ind.points);
}

test('an owner sees each target as published with its 分值, never `= 30 家`, and none of the import’s diagnostics', async ({
  pageAs,
  server,
}) => {
  const owner = await pageAs('owner1');
  const table = await openProject(owner, UNSIGNED);
  await expect(table.getByRole('columnheader')).toHaveText([
    '一级指标',
    '二级指标',
    '三级指标',
    '年度指标值',
    '分值',
    '计分方式',
  ]);
  await expect(table.getByTestId('target-as-published')).toHaveText([
    '30家',
    '≥50家',
    '405支',
    '≥4次，≥2个',
    '95%',
    '95%',
  ]);
  // The bare numbers keep their published form, with the direction the engine scores them in.
  await expect(table.getByRole('row', { name: /30家/ })).toContainText('30 家（按 ≥ 计分）');
  await expect(table.getByRole('row', { name: /405支/ })).toContainText('405 支（按 ≥ 计分）');
  await expect(table).not.toContainText('= 30');
  await expect(table).not.toContainText('= 405');
  // 分值: the engine's allocation, the same as on the evaluation, adding up to 100 less the budget's 10.
  const points = await enginePoints(server.url, UNSIGNED);
  await expect(table.getByTestId('indicator-points')).toHaveText(points);
  expect(points.reduce((sum, p) => sum + Number(p) * 100, 0)).toBe(9000);

  const mismatched = await openProject(owner, MISMATCHED);
  await expect(mismatched.getByRole('row', { name: /镇街值班值守终端标准化率/ })).toContainText('100%');
  await expect(mismatched.getByRole('columnheader', { name: '导入提示' })).toHaveCount(0);
  await expect(owner.getByText(MISMATCH_WARNING)).toHaveCount(0);
  await expect(owner.getByTestId('import-diagnostics')).toHaveCount(0);
});

test('a department head sees no diagnostics either; finance and admin see them beside the row', async ({
  pageAs,
  server,
}) => {
  const head = await pageAs('head');
  await openProject(head, MISMATCHED);
  await expect(head.getByText(MISMATCH_WARNING)).toHaveCount(0);
  await expect(head.getByTestId('indicator-points')).toHaveText(await enginePoints(server.url, MISMATCHED));

  for (const user of ['finance', 'admin']) {
    const page = await pageAs(user);
    const table = await openProject(page, MISMATCHED);
    await expect(table.getByRole('columnheader', { name: '导入提示' })).toBeVisible();
    const row = table.getByRole('row', { name: /镇街值班值守终端标准化率/ });
    await expect(row.getByTestId('import-diagnostics')).toHaveText(MISMATCH_WARNING);
    await expect(row.getByTestId('indicator-points')).not.toBeEmpty();
    // The targets editor describes a bare number the same way.
    await page.getByRole('link', { name: '编辑绩效目标' }).click();
    await expect(page.getByLabel('第2行 年度指标值')).toHaveValue('100%');
    await expect(page.getByTestId('targets-editor').getByRole('row').nth(2)).toContainText('100 %（按 ≥ 计分）');
  }
});
