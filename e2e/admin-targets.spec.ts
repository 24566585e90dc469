import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatScore } from '../lib/format';
import { tsxArgs } from '../scripts/tsx';
import { draftWithActuals, evaluationAs, saveDraftAs } from './support/drafts';
import { expect, signIn, test } from './support/fixtures';
import { apiAs } from './support/http';
import { openTargetImport, previewPastedTargets, seedTargetsWith } from './support/targets';

const PROJECT = '广州市白云区应急管理局信息化运行维护项目';

/** A line of the seed whose indicator level codes were lost in the copy. */
const LEVEL_CODES_LOST: [string, string] = [
  '、1-产出指标；11-数量指标；采购物业管理服务服务时长',
  '、产出指标数量指标采购物业管理服务服务时长',
];

async function projectCount(url: string, year: number) {
  const finance = await apiAs(url, 'finance');
  const res = await finance.get(`/api/years/${year}/evaluations`);
  return res.status() === 404 ? 0 : (await res.json()).total;
}

test('a table with a broken line shows the warning with its row, imports nothing until confirmed, and cancel changes nothing', async ({
  page,
  server,
}) => {
  await openTargetImport(page);
  const preview = await previewPastedTargets(page, { year: 2030, text: seedTargetsWith(LEVEL_CODES_LOST) });
  await expect(preview).toContainText('预览：广州市白云区应急管理局 2030 年度');
  await expect(page.getByTestId('preview-projects')).toHaveText('17');
  const warning = page.getByTestId('preview-warnings').getByRole('row', { name: /其后一项的序号或指标层级无法识别/ });
  await expect(warning).toContainText('队伍装备基础设施建设专项经费');
  await expect(warning.locator('td').nth(1)).toHaveText('1');
  await expect(warning.locator('td').nth(2)).toHaveText('34');
  expect(await projectCount(server.url, 2030)).toBe(0);

  await page.getByRole('button', { name: '取消' }).click();
  await expect(page.getByRole('status')).toHaveText('已取消，未导入任何内容。');
  await expect(preview).toHaveCount(0);
  expect(await projectCount(server.url, 2030)).toBe(0);
  await page.goto('/projects?year=2030');
  await expect(page.getByRole('heading', { name: '2030 年度项目' })).toHaveCount(0);
});

test('editing targets shows the points check inline and refuses wrong sums', async ({ page }) => {
  await signIn(page, 'finance');
  await page.goto('/projects');
  await page.getByRole('link', { name: '区级应急避护场所建设专项经费', exact: true }).click();
  await page.getByRole('link', { name: '编辑绩效目标' }).click();
  const editor = page.getByTestId('targets-editor');
  await expect(editor.getByRole('row')).toHaveCount(7);
  // The 绩效目标 counts against its limit; a longer text stays whole and is refused with its length.
  const goal = page.getByLabel('绩效目标', { exact: true });
  const published = await goal.inputValue();
  await expect(page.getByTestId('char-count')).toHaveText(`${published.length.toLocaleString('en-US')} / 5,000`);
  const long = '加强应急避护场所建设。'.repeat(500);
  await goal.fill(long);
  await expect(page.getByTestId('char-count')).toHaveText('5,500 / 5,000，已超出 500 字');
  await page.getByRole('button', { name: '保存绩效目标' }).click();
  await expect(page.getByText('不能超过5000字（现有5500字），请删减后再保存')).toBeVisible();
  await expect(goal).toHaveValue(long);
  await goal.fill(published);
  // 产出 has four rows here, sharing its 50 points: 12.50 each.
  await expect(editor.getByRole('row').nth(1)).toContainText('12.50');
  await page.getByLabel('第1行 分值').fill('20');
  await expect(editor.getByRole('row').nth(1)).toContainText(/须|合计|分值/);
  await page.getByRole('button', { name: '保存绩效目标' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /分值/ }).first()).toBeVisible();

  for (const [row, points] of [
    [1, '20'],
    [2, '10'],
    [3, '10'],
    [4, '10'],
  ] as const)
    await page.getByLabel(`第${row}行 分值`).fill(points);
  await page.getByLabel('第1行 年度指标值').fill('≥2个');
  await expect(editor.getByRole('row').nth(1)).toContainText('≥ 2 个');
  await page.getByRole('button', { name: '保存绩效目标' }).click();
  await expect(page.getByRole('status')).toHaveText('已保存绩效目标');
  await page.goto(page.url().replace(/\/targets$/, ''));
  await expect(page.getByTestId('indicator-table')).toContainText('≥2个');
});

test('switching the year’s scheme to hubei in the what-if view shows the totals the score command gives', async ({
  page,
  server,
}) => {
  const { api: owner, id, detail } = await evaluationAs(server.url, 'owner2', PROJECT);
  const actuals = ['180', '100', '92', '14', '96', '88'];
  expect(await saveDraftAs(owner, draftWithActuals(detail, '25', actuals))).toMatchObject({ ok: true });
  const saved = await (await owner.get(`/api/evaluations/${id}`)).json();

  // The same data through the what-if command, under hubei.
  const file = path.join(server.dataDir, 'what-if.json');
  writeFileSync(
    file,
    JSON.stringify({
      scheme: 'hubei',
      budget: { initial: '27.99', executed: '25' },
      indicators: detail.indicators.map((ind, i) => ({
        level1: ind.level1,
        name: ind.name,
        target: ind.target,
        actual: actuals[i],
      })),
    }),
  );
  const command = spawnSync(process.execPath, tsxArgs('scripts/score.ts', [file]), {
    cwd: path.resolve(__dirname, '..'),
    encoding: 'utf8',
  });
  expect(command.status, command.stderr).toBe(0);
  const expected = JSON.parse(command.stdout);

  await signIn(page, 'finance');
  await page.goto('/admin');
  await page.getByRole('link', { name: /年度与评分方案/ }).click();
  await page.getByRole('link', { name: '设置' }).first().click();
  await page.getByLabel('评分方案').selectOption('hubei');
  await page.getByRole('button', { name: '预览得分变化' }).click();
  const row = page.getByTestId('what-if-row').filter({ hasText: PROJECT });
  await expect(row.getByTestId('what-if-next')).toHaveText(formatScore(String(expected.total)));
  await expect(row).toContainText(expected.grade);
  await expect(row.locator('td').nth(3)).toHaveText(saved.selfScore);
  // Nothing was saved by previewing.
  await page.reload();
  await expect(page.getByLabel('评分方案')).toHaveValue('national');
});

test('rolling the year forward creates the next year with every project and empty evaluations', async ({
  freshPageAs,
}) => {
  const page = await freshPageAs('finance');
  await page.goto('/admin/years/2024/rollover');
  await expect(page.getByTestId('rollover-plan').getByRole('row')).toHaveCount(18);
  await page.getByRole('button', { name: '确认创建 2025 年度' }).click();
  await expect(page.getByRole('status')).toContainText('已创建 2025 年度：17 个项目');
  const owner = await freshPageAs('owner1');
  await owner.goto('/projects?year=2025');
  await expect(owner.getByTestId('project-row')).toHaveCount(9);
  await expect(owner.getByTestId('project-row').first()).toContainText('草稿');
  await page.goto('/admin/years/2024/rollover');
  await expect(page.getByRole('note')).toContainText('2025 年度已有 17 个项目，不能再次结转');
});
