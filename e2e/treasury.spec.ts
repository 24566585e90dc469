import { demoWorkflow } from './support/drafts';
import { expect, isolatedTest, pageFor } from './support/fixtures';

/**
 * Finance uploads the treasury's 全年执行数: the preview shows the matched, unmatched and ambiguous
 * rows; applying writes only the draft (a submitted one is left as it is); the owner sees the figure
 * prefilled and marked as imported by finance.
 */
const test = isolatedTest();

const DEPARTMENT = '广州市白云区应急管理局';
const DRAFT = '三防专项经费';
const SUBMITTED = '应急专项经费';
const TWICE = '安全生产基础工作专项经费';

test('a treasury file is previewed in three groups and applied to drafts only', async ({ server, browser }) => {
  test.setTimeout(120_000);
  const flow = await demoWorkflow(server.url);
  const submitted = await flow.bringTo(SUBMITTED, 'submitted');
  const draft = flow.idOf(DRAFT);
  const [draftBefore, submittedBefore] = [await flow.read(draft), await flow.read(submitted)];

  const finance = await pageFor(browser, server.url, 'finance');
  await finance.goto('/admin');
  await finance.getByRole('link', { name: /导入国库执行数/ }).click();
  const csv = [
    '部门,项目名称,全年执行数（万元）',
    `${DEPARTMENT},${DRAFT},12.34`,
    `${DEPARTMENT},${SUBMITTED},3`,
    `${DEPARTMENT},不存在的项目,1`,
    `${DEPARTMENT},${TWICE},2`,
    `${DEPARTMENT},${TWICE},2.5`,
  ].join('\r\n');
  await finance
    .getByLabel('上传执行数文件（.csv / .xlsx）')
    .setInputFiles({ name: 'treasury.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const matched = finance.getByTestId('treasury-matched');
  await expect(matched.getByRole('row').filter({ hasText: DRAFT })).toContainText('将导入');
  await expect(matched.getByRole('row').filter({ hasText: SUBMITTED })).toContainText('不导入');
  await expect(finance.getByTestId('treasury-unmatched')).toContainText('没有名为“不存在的项目”的项目');
  await expect(finance.getByTestId('treasury-ambiguous').getByRole('row')).toHaveCount(3);
  await finance.getByRole('button', { name: '确认导入 1 项' }).click();
  await expect(finance.getByText('已导入 1 个项目的全年执行数')).toBeVisible();

  const [draftAfter, submittedAfter] = [await flow.read(draft), await flow.read(submitted)];
  expect(draftAfter).toMatchObject({ version: draftBefore.version + 1, status: 'draft' });
  expect(draftAfter.budget).toMatchObject({ executed: '12.34' });
  expect(submittedAfter).toEqual(submittedBefore);

  const owner = await pageFor(browser, server.url, 'owner1');
  await owner.goto(`/evaluations/${draft}`);
  await expect(owner.getByTestId('executed-imported')).toContainText('由财政局从国库支付系统导入');
});
