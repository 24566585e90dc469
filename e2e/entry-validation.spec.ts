import { expect, openEvaluation, submitForReview, test } from './support/fixtures';

const PROJECT = '综合减灾和物资保障（预案管理）年度专项经费';

test('bad input gets a message next to the field and nothing typed is lost; text is shown escaped', async ({
  pageAs,
}) => {
  const page = await pageAs('owner1');
  await openEvaluation(page, PROJECT);

  const count = page.getByLabel('组织应急演练数量 实际完成值');
  await count.fill('两场');
  await page.getByLabel('应急预案评审完成率 实际完成值').fill('-5');
  await page.getByLabel('全年执行数').fill('abc');
  const html = '<script>window.__pwned = true</script><b>加粗</b>';
  await page.getByLabel('年度总体目标实际完成情况').fill(html);
  await page.getByRole('button', { name: '保存草稿' }).click();

  await expect(page.getByTestId('indicator-row-2').getByRole('alert')).toHaveText(/请输入数字/);
  await expect(page.getByTestId('indicator-row-1').getByRole('alert')).toHaveText('不能为负数');
  await expect(page.getByText('请输入金额（万元），如 20 或 20.50')).toBeVisible();
  await expect(count).toHaveValue('两场');
  await expect(page.getByLabel('年度总体目标实际完成情况')).toHaveValue(html);

  // A qualitative percent outside its band is refused by the server, by the band's words.
  await count.fill('2');
  await page.getByLabel('应急预案评审完成率 实际完成值').fill('100');
  await page.getByLabel('全年执行数').fill('29.5');
  await page.getByLabel('应急演练活动质量 评定等级').selectOption('部分达成');
  await page.getByLabel('应急演练活动质量 得分比例').fill('85');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByTestId('indicator-row-3').getByRole('alert')).toContainText('60%（含）至80%（不含）');
  await expect(page.getByLabel('应急演练活动质量 得分比例')).toHaveValue('85');

  await page.getByLabel('应急演练活动质量 得分比例').fill('75');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存草稿' })).toBeVisible();

  // Once submitted the page shows the stored text as text, never as markup.
  await page.getByLabel('应急演练活动质量 偏差原因分析及改进措施').fill('演练科目调整。');
  await page.getByLabel('应急演练完成时效情况 评定等级').selectOption('达成');
  await page.getByLabel('预算成本控制率 实际完成值').fill('98');
  await page.getByLabel('应急演练社会效益 评定等级').selectOption('达成');
  await submitForReview(page);
  await expect(page.getByTestId('evaluation-status')).toHaveText('已提交');
  await expect(page.getByTestId('goal-actual')).toHaveText(html);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  await expect(page.locator('[data-testid="goal-actual"] b')).toHaveCount(0);
});

test('leaving with unsaved changes asks first', async ({ pageAs }) => {
  const page = await pageAs('owner2');
  await openEvaluation(page, '区级应急避护场所建设专项经费');
  await page.getByLabel('建设应急避护场所数量 实际完成值').fill('1');

  page.removeAllListeners('dialog');
  const asked = page.waitForEvent('dialog');
  page.once('dialog', (d) => void d.dismiss());
  await page.getByRole('link', { name: '2024 年度项目' }).click();
  expect((await asked).message()).toContain('有未保存的修改');
  await expect(page.getByLabel('建设应急避护场所数量 实际完成值')).toHaveValue('1');
});
