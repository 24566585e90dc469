import Papa from 'papaparse';
import { closeDatabase, databaseFile, openDatabase } from '../db';
import { buildSyntheticYear } from '../scripts/synthetic-year';
import { expect, test as shared, workerServer } from './support/fixtures';
import { apiAs } from './support/http';
import type { TestServer } from './support/server';
import type { Page } from '@playwright/test';

/** A year of 500 projects (five departments) beside the seed's, built through the real operations. */
const YEAR = 2031;
const test = shared.extend<object, { server: TestServer }>({
  server: [
    workerServer(async (server) => {
      const db = openDatabase(databaseFile(server.dataDir));
      try {
        await buildSyntheticYear(db, { year: YEAR, projectCount: 500, password: 'demo1234' });
      } finally {
        closeDatabase(db);
      }
    })[0],
    { scope: 'worker', timeout: 240_000 },
  ],
});

type Row = { id: number; project: string; status: string; selfScore: string | null };

/** The project table's rows as shown: name, status and 自评得分. */
async function shownRows(page: Page) {
  const table = page.getByTestId('overview-table');
  // Cells by their column's header: finance's table starts with a 选择 column for batch decisions.
  const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
  const at = (name: string) => headers.findIndex((h) => h.startsWith(name));
  const [project, status, selfScore] = [at('项目名称'), at('状态'), at('自评得分')];
  return table.getByTestId('overview-row').evaluateAll(
    (trs, columns) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
        return { project: cells[columns[0]], status: cells[columns[1]], selfScore: cells[columns[2]] };
      }),
    [project, status, selfScore],
  );
}

test('a 500-project year: sort, page, search and filter live in the URL, survive a reload, and the CSV follows them', async ({
  pageAs,
  server,
}) => {
  test.setTimeout(180_000);
  const page = await pageAs('finance');
  await page.goto(`/overview?year=${YEAR}`);
  await expect(page.getByTestId('stat-projects')).toHaveText('500');
  await expect(page.getByTestId('overview-table').getByTestId('overview-row')).toHaveCount(50);

  // 自评得分, largest first.
  await page
    .getByTestId('overview-table')
    .getByRole('link', { name: /自评得分/ })
    .click();
  await expect(page).toHaveURL(/sort=-selfScore/);
  const finance = await apiAs(server.url, 'finance');
  const api = async (query: string) =>
    (await (await finance.get(`/api/years/${YEAR}/evaluations?${query}`)).json()) as { items: Row[]; total: number };

  // Page 2, from the keyboard: the pager's links are focusable and followed with Enter.
  const pager = page.getByRole('navigation', { name: '项目明细分页' });
  await pager.getByRole('link', { name: '第 2 页' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/page=2/);
  const second = await shownRows(page);
  const expected = await api('sort=-selfScore&page=2&pageSize=50');
  expect(second.map((r) => r.project)).toEqual(expected.items.map((r) => r.project));
  const scores = second.map((r) => Number(r.selfScore === '—' ? -1 : r.selfScore));
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  await expect(pager.getByTestId('list-total')).toContainText('共 500 个项目，第 51–100 个项目');

  // Search a department's name, then filter by status: back to page 1, the sort kept.
  await page.getByRole('searchbox', { name: '搜索' }).fill('测试单位03');
  await page.getByRole('combobox', { name: '状态' }).selectOption({ label: '已提交' });
  await page.getByRole('button', { name: '筛选', exact: true }).click();
  await expect(page).toHaveURL(/q=%E6%B5%8B%E8%AF%95%E5%8D%95%E4%BD%8D03/);
  await expect(page).toHaveURL(/status=submitted/);
  await expect(page).not.toHaveURL(/page=2/);
  const filtered = await shownRows(page);
  const fromApi = await api(`sort=-selfScore&status=submitted&q=${encodeURIComponent('测试单位03')}`);
  expect(fromApi.total).toBeGreaterThan(0);
  expect(filtered.map((r) => r.project)).toEqual(fromApi.items.map((r) => r.project));
  expect(filtered.every((r) => r.project.includes('测试单位03') && r.status === '已提交')).toBe(true);
  await expect(page.getByTestId('stat-projects')).toHaveText(String(fromApi.total));

  // A reload (and Back) shows the same rows.
  await page.reload();
  expect(await shownRows(page)).toEqual(filtered);
  await page.goBack();
  await expect(page).toHaveURL(/page=2/);
  expect(await shownRows(page)).toEqual(second);
  await page.goForward();
  expect(await shownRows(page)).toEqual(filtered);

  // The CSV started from this view holds exactly the filtered projects' indicators.
  const href = await page.getByRole('link', { name: /导出指标明细 CSV（按筛选）/ }).getAttribute('href');
  const csv = await finance.get(href!);
  expect(csv.status()).toBe(200);
  const rows = Papa.parse<string[]>((await csv.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.slice(1);
  expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(filtered.map((r) => r.project)));
});

test('the overview’s 各部门 and 值得关注 are tabs of their own URL: the filter kept, Back returns', async ({
  pageAs,
}) => {
  test.setTimeout(120_000);
  const page = await pageAs('finance');
  await page.goto(`/overview?year=${YEAR}&status=submitted`);
  await expect(page.getByTestId('overview-tab-projects')).toHaveAttribute('aria-current', 'page');
  const submitted = await page.getByTestId('stat-projects').innerText();

  // 各部门 is not narrowed by the filter: five departments of 100 projects each.
  await page.getByTestId('overview-tab-departments').click();
  await expect(page).toHaveURL(/tab=departments/);
  await expect(page).toHaveURL(/status=submitted/);
  await expect(page.getByTestId('overview-table')).toHaveCount(0);
  const departments = page.getByTestId('department-table').getByTestId('department-row');
  await expect(departments).toHaveCount(5);
  const counts = await departments.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[1].textContent));
  expect(counts).toEqual(['100', '100', '100', '100', '100']);
  await page.getByTestId('department-table').getByRole('link', { name: '预算（万元）' }).click();
  await expect(page).toHaveURL(/dept_sort=-budget/);
  const budgets = await departments.evaluateAll((trs) =>
    trs.map((tr) => Number(tr.querySelectorAll('td')[4].textContent!.replace(/,/g, ''))),
  );
  expect(budgets).toEqual([...budgets].sort((a, b) => b - a));

  // 值得关注 under the same filter: its tab's count is its list's total.
  await page.getByTestId('overview-tab-flags').click();
  await expect(page).toHaveURL(/tab=flags/);
  const label = await page.getByTestId('overview-tab-flags').innerText();
  const total = label.match(/（([\d,]+)）/)![1];
  await expect(page.getByTestId('flag-table')).toBeVisible();
  await expect(page.getByTestId('flag-total')).toContainText(`共 ${total} 条`);
  await expect(page.getByTestId('stat-projects')).toHaveText(submitted);

  await page.goBack();
  await expect(page).toHaveURL(/dept_sort=-budget/);
  await expect(departments).toHaveCount(5);
  await page.goBack();
  await page.goBack();
  await expect(page.getByTestId('overview-table').getByTestId('overview-row').first()).toBeVisible();
  await expect(page.getByTestId('stat-projects')).toHaveText(submitted);
});

test('of five departments, 项目 offers the 部门自评报告 of the one its list is filtered to', async ({ pageAs }) => {
  const page = await pageAs('finance');
  await page.goto(`/projects?year=${YEAR}`);
  const reports = page.getByTestId('department-reports');
  await expect(reports).toContainText('按部门筛选后');
  await expect(reports.getByRole('link')).toHaveCount(0);
  const select = page.getByRole('search').locator('select[name="department"]');
  const [value, name] = await select
    .locator('option')
    .nth(2)
    .evaluate((o: HTMLOptionElement) => [o.value, o.textContent ?? '']);
  await select.selectOption(value);
  await page.getByRole('search').getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(new RegExp(`department=${value}`));
  const link = reports.getByRole('link', { name: `下载部门自评报告（${name}，Word）` });
  await expect(link).toHaveAttribute('href', `/api/years/${YEAR}/departments/${value}/report.docx`);
});
