import { expect, isolatedTest, signIn } from './support/fixtures';

// owner2's to-do list is counted: on a server of its own, where no other spec has moved their drafts on.
const test = isolatedTest();

test('the 评分规则 page explains the active scheme and computes the worked example live', async ({ page }) => {
  await signIn(page, 'owner1');
  await page.getByRole('link', { name: '评分规则' }).click();
  await expect(page.getByRole('heading', { name: '评分规则' })).toBeVisible();
  await expect(page.getByText('评分方案：全国通用方案（财预〔2020〕10号）', { exact: false })).toBeVisible();
  await expect(page.getByTestId('points-table')).toContainText('产出指标50 分');
  await expect(page.getByTestId('tier-table')).toContainText('部分达成60%（含）至80%（不含）70%');
  const example = page.getByTestId('example-table');
  await expect(example.getByRole('row', { name: /委托第三方拖运/ })).toContainText('75.00%');
  await expect(example.getByRole('row', { name: /委托第三方拖运/ })).toContainText('11.25');
  await expect(example.getByRole('row', { name: /受检查企业满意度/ })).toContainText('14.68');
  await expect(example.getByRole('row', { name: /预算执行率/ })).toContainText('93.02%');
  await expect(page.getByTestId('example-total')).toContainText('总分 93.73，等级 优');
});

test('each role’s to-do list holds what waits for it', async ({ page }) => {
  await signIn(page, 'owner2');
  await page.getByRole('link', { name: '待办' }).click();
  await expect(page.getByRole('heading', { name: '待填写和退回修改的自评' })).toBeVisible();
  await expect(page.getByTestId('task-row')).toHaveCount(8);
  await page.context().clearCookies();
  await signIn(page, 'finance');
  await page.goto('/tasks');
  await expect(page.getByRole('heading', { name: '待财政复核和定稿的自评' })).toBeVisible();
  await expect(page.getByText(/共 \d+ 项/)).toBeVisible();
});
