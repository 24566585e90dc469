import { draftWithActuals, evaluationAs, saveDraftAs } from './support/drafts';
import { expect, pageFor, signIn, test } from './support/fixtures';

const PROJECT = '安全生产基础工作专项经费';

/**
 * Issue 16 in the browser: finance edits the year's scheme from the integrated preset (caps as an
 * editable list), previews and saves it; the evaluation's live score and its 自评表 then show the
 * cap under the total and the over-achievement deduction on its row. The scheme change would reach
 * every other spec, so this test has a server of its own.
 */
test('finance sets caps and a deduction; the 自评表 prints the cap under the total and the deduction on its row', async ({
  browser,
  freshServer,
}) => {
  // owner1 saves the worked example with row 2 at 70 of ≥50家 (140 %) and 14 of 21.5 万元 spent (65.12 %).
  const { api: owner, id, detail } = await evaluationAs(freshServer.url, 'owner1', PROJECT);
  const draft = draftWithActuals(detail, '14', ['27', '70', '405', ['4', '1'], '96', '93']);
  expect(await saveDraftAs(owner, draft)).toMatchObject({ ok: true });

  const finance = await pageFor(browser, freshServer.url, 'finance');
  await finance.goto('/admin/years/2024');
  await finance.getByLabel('评分方案').selectOption('integrated');
  const caps = finance.getByTestId('cap-row');
  await expect(caps).toHaveCount(4);
  await expect(finance.getByLabel('超额扣分（分，0为只须说明）')).toHaveValue('2');

  // Custom: keep the integrated values, drop the 50 % row, and add one out of order first.
  await finance.getByLabel('评分方案').selectOption('custom');
  await caps.nth(3).getByRole('button', { name: '删除' }).click();
  await expect(caps).toHaveCount(3);
  await finance.getByRole('button', { name: '添加封顶规则' }).click();
  await finance.getByLabel('第4条封顶：执行率低于（%）').fill('75');
  await finance.getByLabel('第4条封顶：总分不超过（分）').fill('70');
  await finance.getByRole('button', { name: '保存年度设置' }).click();
  await expect(caps.nth(3)).toContainText('封顶规则须按执行率从高到低排列（如 80、70、60、50），75%应排在60%之前');

  await finance.getByLabel('第4条封顶：执行率低于（%）').fill('50');
  await finance.getByLabel('第4条封顶：总分不超过（分）').fill('59');
  await finance.getByLabel('得分精度').selectOption('1');
  await finance.getByRole('button', { name: '预览得分变化' }).click();
  const preview = finance.getByTestId('what-if-row').filter({ hasText: PROJECT });
  // 13.5 + 13 (15 − 2) + 15 + 11.3 + 15 + 14.7 + 6.5 = 89 before the cap, 79 after.
  await expect(preview.getByTestId('what-if-next')).toHaveText('79.00');
  await expect(preview.getByTestId('what-if-effect')).toHaveText(
    '预算执行率低于70%，总分不超过79分（封顶前 89.00）；超额完成扣分 1 项',
  );
  await finance.getByRole('button', { name: '保存年度设置' }).click();
  // Saving rescores and caches every evaluation of the year: give a loaded machine time.
  await expect(finance.getByRole('status')).toHaveText('已保存年度设置', { timeout: 30_000 });

  // The owner's live score runs the same engine in the browser.
  const ownerPage = await pageFor(browser, freshServer.url, 'owner1');
  await ownerPage.goto(`/evaluations/${id}`);
  await expect(ownerPage.getByTestId('live-total')).toHaveText('79.0');
  await expect(ownerPage.getByTestId('live-cap')).toHaveText('预算执行率低于70%，总分不超过79分（封顶前 89.0）');

  await finance.goto(`/evaluations/${id}/table`);
  const table = finance.getByTestId('mof-table');
  await expect(table.getByTestId('mof-total')).toContainText('79.0');
  await expect(table.getByTestId('mof-cap')).toHaveText(
    '执行率封顶预算执行率低于70%，总分不超过79分（封顶前：自评89.0分）',
  );
  await expect(table.getByTestId('mof-row-2')).toContainText('13.0');
  await expect(table.getByTestId('mof-row-2')).toContainText('超额完成扣分：按评分方案扣2分');
  await expect(table.getByTestId('mof-row-1')).not.toContainText('超额完成扣分');
});

test('the 评分规则 page explains the deduction and the caps with an example the reader can change', async ({
  page,
}) => {
  await signIn(page, 'owner1');
  await page.goto('/rules');
  const section = page.getByTestId('scheme-variants');
  await expect(section.getByTestId('rule-deduction')).toContainText('本年度方案不扣分');
  await expect(section.getByTestId('rule-caps')).toContainText('本年度方案未设置封顶');
  await expect(section).toContainText('本年度方案未设置，以下按一体化平台方案实时计算');
  const outcome = section.getByTestId('variants-outcome');
  await expect(outcome).toContainText('得分 13.00（超额完成，扣 2.00 分）');
  await expect(section.getByTestId('variants-total')).toHaveText(
    '各项合计 88.94；预算执行率低于70%，总分不超过79分，总分 79.00，等级 中。',
  );
  await page.getByLabel('示例全年执行数').fill('21.5');
  await page.getByLabel('示例实际完成值').fill('52');
  await expect(section.getByTestId('variants-total')).toHaveText('各项合计 94.43；不受封顶限制，总分即合计，等级 优。');
});
