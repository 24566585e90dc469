import { demoWorkflow } from './support/drafts';
import { expect, test } from './support/fixtures';

/**
 * Finance's season of work: three evaluations in a row from 待办, each reviewed inline (复核得分 and
 * 理由 in the indicator rows, the reviewed total live) and finalised, moving on with 下一条. 定稿 with
 * unsaved scores on the page asks first, and saving with it keeps every typed score.
 */
const PROJECTS = ['应急专项经费', '三防专项经费', '安全生产基础工作专项经费'];

test('finance reviews three evaluations in a row with 下一条 and inline scores', async ({
  freshServer,
  freshPageAs,
}) => {
  test.setTimeout(180_000);
  const flow = await demoWorkflow(freshServer.url);
  const ids: number[] = [];
  for (const project of PROJECTS) ids.push(await flow.bringTo(project, 'dept_approved'));

  const finance = await freshPageAs('finance');
  // Finance lands on 待办.
  await expect(finance).toHaveURL(/\/tasks/);
  await expect(finance.getByTestId('task-row')).toHaveCount(3);
  await finance.getByTestId('task-row').first().getByRole('link', { name: '复核并定稿' }).click();
  await expect(finance.getByTestId('queue-position')).toHaveText('第 1 / 3 条');

  // The first, in table order: a reviewed score typed in its row, the total follows live, 定稿 asks.
  const first = finance.url().match(/evaluations\/(\d+)/)![1];
  const firstRow = finance.getByTestId('view-row').first();
  const rowName = (await firstRow.locator('td').nth(2).textContent())!;
  const liveBefore = await finance.getByTestId('live-total').textContent();
  await finance.getByLabel(`第1行 ${rowName} 复核得分`).fill('1');
  await finance.getByLabel(`第1行 ${rowName} 复核理由`).fill('佐证材料不足');
  await expect(finance.getByTestId('live-total')).not.toHaveText(liveBefore!);
  const liveAfter = await finance.getByTestId('live-total').textContent();
  await expect(finance.getByTestId('review-dirty')).toHaveText('有未保存的复核得分');
  await finance.getByRole('button', { name: '定稿' }).click();
  const dialog = finance.getByRole('dialog', { name: '有未保存的复核得分' });
  await expect(dialog).toBeVisible();
  // Cancelling keeps everything as typed.
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(finance.getByTestId('evaluation-status')).toHaveText('部门已审核');
  await expect(finance.getByLabel(`第1行 ${rowName} 复核得分`)).toHaveValue('1');
  await finance.getByRole('button', { name: '定稿' }).click();
  await dialog.getByRole('button', { name: '保存复核得分并定稿' }).click();
  await expect(finance.getByTestId('evaluation-status')).toHaveText('已定稿');
  await expect(finance.getByTestId('reviewed-1')).toContainText('1.00');
  await expect(finance.getByTestId('live-total')).toHaveText(liveAfter!);
  const firstDetail = await flow.read(Number(first));
  expect(firstDetail.indicators[0].reviewedScore).toBe('1.00');
  expect(firstDetail.finalScore).toBe(liveAfter);

  // 下一条: the second, scores saved first, then 定稿 (nothing unsaved: the plain confirmation).
  await finance.getByRole('link', { name: '下一条' }).click();
  await expect(finance.getByTestId('queue-position')).toHaveText('第 1 / 2 条');
  const second = finance.url().match(/evaluations\/(\d+)/)![1];
  expect(second).not.toBe(first);
  await finance.getByLabel('预算执行率 复核得分').fill('8');
  await finance.getByLabel('预算执行率 复核理由').fill('执行进度偏慢');
  await finance.getByRole('button', { name: '保存复核得分' }).click();
  await expect(finance.getByRole('status').filter({ hasText: '已保存复核得分' })).toBeVisible();
  await expect(finance.getByTestId('review-dirty')).toHaveText('复核得分已保存');
  await finance.getByRole('button', { name: '定稿' }).click();
  await expect(finance.getByTestId('evaluation-status')).toHaveText('已定稿');

  // The third: a typed score thrown away on purpose is the only way one is not kept.
  await finance.getByRole('link', { name: '下一条' }).click();
  await expect(finance.getByTestId('queue-position')).toHaveText('第 1 / 1 条');
  const third = Number(finance.url().match(/evaluations\/(\d+)/)![1]);
  await finance.getByTestId('view-row').nth(1).getByRole('textbox').first().fill('0');
  await finance.getByRole('button', { name: '定稿' }).click();
  await dialog.getByRole('button', { name: '放弃修改并定稿' }).click();
  await expect(finance.getByTestId('evaluation-status')).toHaveText('已定稿');
  expect((await flow.read(third)).indicators.every((ind) => ind.reviewedScore === null)).toBe(true);
  await expect(finance.getByRole('link', { name: '下一条' })).toHaveCount(0);

  expect(new Set([first, second, String(third)])).toEqual(new Set(ids.map(String)));
  await finance.goto('/tasks');
  await expect(finance.getByText('当前没有需要您处理的自评。')).toBeVisible();
});

test('a batch 定稿 of five where one is in the wrong state reports four done and one refused with the reason', async ({
  freshServer,
  freshPageAs,
}) => {
  test.setTimeout(180_000);
  const flow = await demoWorkflow(freshServer.url);
  const projects = [...PROJECTS, '法律顾问与审批服务经费', '执法检查事故调查处理经费'];
  const ids: number[] = [];
  for (const project of projects) ids.push(await flow.bringTo(project, 'dept_approved'));

  const finance = await freshPageAs('finance');
  await expect(finance.getByTestId('task-row')).toHaveCount(5);
  await expect(finance.getByTestId('progress-summary')).toContainText('已提交 5 / 17');
  await finance.getByRole('button', { name: '选择全部 5 项（当前筛选）' }).click();
  await expect(finance.getByTestId('batch-count')).toHaveText('已选 5 项');
  // While the list is open, one of them is sent back to its owner elsewhere.
  await flow.act('finance', ids[4], 'returnAction', flow.step('请补充执法记录'));
  // A comment pasted over the limit is kept whole, counted, and refused before anything is sent.
  const comment = finance.getByLabel('批量意见');
  const long = '经复核，同意定稿。'.repeat(150);
  await comment.fill(long);
  await expect(comment).toHaveValue(long);
  const counter = finance.getByTestId('char-count');
  await expect(counter).toHaveText(`${long.length.toLocaleString('en-US')} / 1,000，已超出 350 字`);
  await expect(counter).toHaveClass(/\bover\b/);
  await finance.getByRole('button', { name: '批量定稿' }).click();
  await expect(finance.getByText(`不能超过1000字（现有${long.length}字），请删减后再保存`)).toBeVisible();
  await expect(finance.getByTestId('batch-outcome')).toHaveCount(0);
  expect((await flow.read(ids[0])).status).toBe('dept_approved');
  await comment.fill('经复核，同意定稿');
  await expect(counter).toHaveText('8 / 1,000');
  await finance.getByRole('button', { name: '批量定稿' }).click();
  const outcome = finance.getByTestId('batch-outcome');
  await expect(outcome).toContainText('定稿：成功 4 项，未通过 1 项');
  await expect(outcome.getByRole('listitem')).toHaveCount(1);
  await expect(outcome.getByRole('listitem')).toContainText(`${projects[4]}：`);
  await expect(outcome.getByRole('listitem')).toContainText('已退回');
  for (const id of ids.slice(0, 4)) expect((await flow.read(id)).status).toBe('finalized');
  expect((await flow.read(ids[4])).status).toBe('returned');
  await expect(finance.getByTestId('task-row')).toHaveCount(0);
  await expect(finance.getByTestId('progress-summary')).toContainText('已提交 4 / 17');
  await expect(finance.getByTestId('progress-summary')).toContainText('已退回 1');
  // The same progress by owner: the switch goes in the URL, the counts stay.
  await finance.getByTestId('progress-groupings').getByRole('link', { name: '按项目负责人' }).click();
  await expect(finance).toHaveURL(/[?&]progress=owner/);
  await expect(finance.getByTestId('progress-table').getByRole('columnheader', { name: '项目负责人' })).toBeVisible();
  await expect(finance.getByTestId('progress-row')).toHaveCount(2);
  await expect(finance.getByTestId('progress-row').filter({ hasText: '张伟' })).toContainText('4 / 9');
  await expect(finance.getByTestId('progress-summary')).toContainText('已提交 4 / 17');
});

test('finance reopens a finalised evaluation only with a reason, in the timeline; the owner withdraws a submission', async ({
  freshServer,
  freshPageAs,
}) => {
  test.setTimeout(120_000);
  const flow = await demoWorkflow(freshServer.url);
  const finalised = await flow.bringTo(PROJECTS[0], 'finalized');
  const submitted = await flow.bringTo(PROJECTS[1], 'submitted');

  const finance = await freshPageAs('finance');
  await finance.goto(`/evaluations/${finalised}`);
  await finance.getByText('撤销定稿或退回重新评价').click();
  await finance.getByRole('button', { name: '撤销定稿', exact: true }).click();
  await expect(finance.getByText('请填写撤销定稿的原因')).toBeVisible();
  await expect(finance.getByTestId('evaluation-status')).toHaveText('已定稿');
  await finance.getByLabel('撤销定稿或退回重新评价').fill('定稿时漏看了佐证材料');
  await finance.getByRole('button', { name: '撤销定稿', exact: true }).click();
  await expect(finance.getByTestId('evaluation-status')).toHaveText('部门已审核');
  const timeline = finance.getByTestId('timeline');
  await expect(timeline).toContainText('撤销定稿');
  await expect(timeline).toContainText('意见：定稿时漏看了佐证材料');

  const owner = await freshPageAs('owner1');
  await owner.goto(`/evaluations/${submitted}`);
  await owner.getByRole('button', { name: '撤回提交' }).click();
  await expect(owner.getByTestId('evaluation-status')).toHaveText('草稿');
  await expect(owner.getByRole('button', { name: '保存草稿' })).toBeVisible();
});

test('finance finalises everything a filter of the overview holds in one batch', async ({
  freshServer,
  freshPageAs,
}) => {
  test.setTimeout(150_000);
  const flow = await demoWorkflow(freshServer.url);
  const ids = [await flow.bringTo(PROJECTS[0], 'dept_approved'), await flow.bringTo(PROJECTS[1], 'dept_approved')];

  const finance = await freshPageAs('finance');
  await finance.goto('/overview?year=2024&status=dept_approved');
  await expect(finance.getByTestId('overview-row')).toHaveCount(2);
  await finance.getByRole('button', { name: '选择全部 2 项（当前筛选）' }).click();
  await expect(finance.getByTestId('batch-count')).toHaveText('已选 2 项');
  await finance.getByLabel('批量意见').fill('经复核，同意定稿');
  await finance.getByRole('button', { name: '批量定稿' }).click();
  await expect(finance.getByTestId('batch-outcome')).toContainText('定稿：成功 2 项，未通过 0 项');
  for (const id of ids) expect((await flow.read(id)).status).toBe('finalized');
  await expect(finance.getByTestId('overview-row')).toHaveCount(0);
});
