import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { formatRate } from '../lib/format';
import { formatScore } from '../lib/format';
import { NATIONAL_SCHEME, scoreEvaluation } from '../lib/scoring';
import { parseTargetText } from '../lib/targets/parse-target-text';
import { EQUIPMENT_PROJECT, EQUIPMENT_ROWS, fillEquipmentActuals, openFromList } from './support/equipment';
import { expect, hydrated, submitForReview, test } from './support/fixtures';
import type { Page } from '@playwright/test';

const PROJECT = EQUIPMENT_PROJECT;
const ROWS = EQUIPMENT_ROWS;

/** What the engine says for exactly the inputs this test types (scoring-rules.md), incl. the reviewed score. */
function expectedFinal() {
  const row = (
    name: string,
    level1Code: '1' | '3',
    target: string,
    actual: string | string[] | { tier: '部分达成'; percent: string },
    reviewed?: { score: string; reason: string },
  ) => ({
    name,
    level1Code,
    target: parseTargetText(target),
    actual,
    explanation: '说明',
    reviewed: reviewed ?? null,
  });
  return scoreEvaluation({
    scheme: NATIONAL_SCHEME,
    budget: { initial: '38', executed: '36.1' },
    indicators: [
      row(ROWS.devices, '1', '1.扫描仪1台；2.信创台式电脑13台；3.信创笔记本电脑3台', ['1', '12', '3']),
      row(ROWS.hours, '1', '1年', '1', { score: '10', reason: '服务时长佐证材料不足' }),
      row(ROWS.quality, '1', '≥98%', '99'),
      row(ROWS.acceptance, '1', '≥98%', '98'),
      row(ROWS.service, '1', '≥98%', '100'),
      row(ROWS.payment, '1', '2024年全年', { tier: '部分达成', percent: '75' }),
      row(ROWS.satisfaction, '3', '≥95%', '97'),
    ],
  });
}

const openEvaluation = (page: Page) => openFromList(page);

test('an evaluation goes from the owner through the head to finance, and ends locked', async ({ pageAs }, testInfo) => {
  // Three roles, every step through the browser: minutes on a loaded machine.
  test.setTimeout(240_000);
  const owner = await pageAs('owner1');
  await openEvaluation(owner);
  const evaluationUrl = owner.url();

  // Fill everything: a compound target, a qualitative target, a missed target.
  await fillEquipmentActuals(owner, [
    ['1', '12', '3'],
    '1',
    '99',
    '98',
    '100',
    { tier: '部分达成', percent: '75' },
    '96',
  ]);
  await owner.getByLabel('全年执行数').fill('36.1');
  await owner.getByLabel('年度总体目标实际完成情况').fill('设备已采购到位，物业服务全年正常。');

  // The form demands the explanation of the missed compound target and the partly met qualitative one.
  await expect(owner.getByTestId('indicator-row-1')).toContainText('必填：未达到年度指标值');
  await expect(owner.getByTestId('indicator-row-6')).toContainText('必填：定性指标未达成');
  await expect(owner.getByTestId('indicator-row-3')).not.toContainText('必填');
  // 提交审核 asks first, and lists what is still missing instead of offering to submit.
  await owner.getByRole('button', { name: '提交审核' }).click();
  const refusal = owner.getByRole('alert').filter({ hasText: '还不能提交' });
  await expect(refusal).toContainText(`第1行“${ROWS.devices}”`);
  await expect(refusal).toContainText(`第6行“${ROWS.payment}”`);
  await owner.getByTestId('submit-dialog').getByRole('button', { name: '返回填写' }).click();
  await expect(owner.getByTestId('evaluation-status')).toHaveText('草稿');

  await owner.getByLabel(`${ROWS.devices} 偏差原因分析及改进措施`).fill('一台信创台式电脑因供货延迟于次年一月到货。');
  await owner.getByLabel(`${ROWS.payment} 偏差原因分析及改进措施`).fill('第四季度物业费延后支付。');
  await owner.getByRole('button', { name: '保存草稿' }).click();
  await expect(owner.getByRole('status').filter({ hasText: '已保存草稿' })).toBeVisible();

  // Reload: every value is back.
  await owner.reload();
  await expect(owner.getByLabel(`${ROWS.devices} 信创台式电脑`)).toHaveValue('12');
  await expect(owner.getByLabel(`${ROWS.devices} 扫描仪`)).toHaveValue('1');
  await expect(owner.getByLabel(`${ROWS.devices} 信创笔记本电脑`)).toHaveValue('3');
  await expect(owner.getByLabel(`${ROWS.payment} 评定等级`)).toHaveValue('部分达成');
  await expect(owner.getByLabel(`${ROWS.payment} 得分比例`)).toHaveValue('75');
  await expect(owner.getByLabel(`${ROWS.satisfaction} 实际完成值`)).toHaveValue('96');
  await expect(owner.getByLabel('全年执行数')).toHaveValue('36.1');
  await expect(owner.getByLabel(`${ROWS.devices} 偏差原因分析及改进措施`)).toHaveValue(
    '一台信创台式电脑因供货延迟于次年一月到货。',
  );
  await expect(owner.getByLabel('年度总体目标实际完成情况')).toHaveValue('设备已采购到位，物业服务全年正常。');

  await submitForReview(owner);
  await expect(owner.getByTestId('evaluation-status')).toHaveText('已提交');

  // The head returns it with a comment.
  const head = await pageAs('head');
  await head.goto(evaluationUrl);
  await head.getByLabel('审核意见').fill('请把满意度调查结果更新为最终统计数。');
  await head.getByRole('button', { name: '退回修改' }).click();
  await expect(head.getByTestId('evaluation-status')).toHaveText('已退回');

  // The owner sees the comment, fixes, resubmits.
  await owner.reload();
  await expect(owner.getByTestId('return-notice')).toContainText('请把满意度调查结果更新为最终统计数。');
  await (await hydrated(owner.getByLabel(`${ROWS.satisfaction} 实际完成值`))).fill('97');
  await submitForReview(owner);
  await expect(owner.getByTestId('evaluation-status')).toHaveText('已提交');

  await head.reload();
  await head.getByRole('button', { name: '审核通过' }).click();
  await expect(head.getByTestId('evaluation-status')).toHaveText('部门已审核');

  // Finance sets one reviewed score with its reason, then finalises.
  const finance = await pageAs('finance');
  await finance.goto(evaluationUrl);
  await finance.getByLabel(`第2行 ${ROWS.hours} 复核得分`).fill('10');
  await finance.getByLabel(`第2行 ${ROWS.hours} 复核理由`).fill('服务时长佐证材料不足');
  await finance.getByRole('button', { name: '保存复核得分' }).click();
  await expect(finance.getByTestId('review-dirty')).toHaveText('复核得分已保存');
  await finance.reload();
  await expect(finance.getByLabel(`第2行 ${ROWS.hours} 复核得分`)).toHaveValue('10');
  await finance.getByRole('button', { name: '定稿' }).click();
  await expect(finance.getByTestId('evaluation-status')).toHaveText('已定稿');
  await expect(finance.getByTestId('reviewed-2')).toContainText('10.00');

  const expected = expectedFinal();
  expect(expected.errors).toEqual([]);
  for (const page of [finance, owner, head]) {
    await page.goto(evaluationUrl);
    await expect(page.getByTestId('live-total')).toHaveText(formatScore(expected.finalTotal));
    await expect(page.getByTestId('live-grade')).toHaveText(expected.finalGrade);
  }

  // Read-only for everyone, the administrator included.
  const admin = await pageAs('admin');
  for (const page of [owner, head, finance, admin]) {
    await page.goto(evaluationUrl);
    await expect(page.getByText('该自评已定稿，所有内容只读。')).toBeVisible();
    await expect(page.getByRole('textbox')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /保存|提交|审核通过|退回|定稿/ })).toHaveCount(0);
  }
  // Reopening is folded away, for finance and administrators only.
  for (const page of [finance, admin]) await expect(page.getByText('撤销定稿或退回重新评价')).toBeVisible();
  for (const page of [owner, head]) await expect(page.getByText('撤销定稿或退回重新评价')).toHaveCount(0);
  await expect(head.getByTestId('timeline')).toContainText('请把满意度调查结果更新为最终统计数。');

  // The audit trail: who changed what, old → new; for head, finance and admin, not for the owner.
  await head.getByText(/修改记录/).click();
  const change = head
    .getByTestId('audit-table')
    .getByRole('row', { name: new RegExp(`第7行“${ROWS.satisfaction}” 实际完成值`) })
    .first();
  await expect(change).toContainText('张伟');
  await expect(change.locator('td').nth(3)).toHaveText('96');
  await expect(change.locator('td').nth(4)).toHaveText('97');
  await expect(head.getByTestId('audit-table')).toContainText('10（服务时长佐证材料不足）');
  await expect(owner.getByText(/修改记录/)).toHaveCount(0);

  // The 项目支出绩效自评表 shows the engine's numbers, and prints as one clean A4 landscape document.
  await finance.goto(`${evaluationUrl}/table`);
  const table = finance.getByTestId('mof-table');
  await expect(table).toContainText('项目支出绩效自评表');
  await expect(table).toContainText('广州市白云区应急管理局（本级）');
  for (const [i, scored] of expected.indicators.entries()) {
    const cells = finance.getByTestId(`mof-row-${i + 1}`).locator('td');
    const count = await cells.count();
    // …, 分值, 得分, 偏差原因分析及改进措施, 复核得分, 复核意见
    await expect(cells.nth(count - 5)).toHaveText(formatScore(scored.points));
    await expect(cells.nth(count - 4)).toHaveText(formatScore(scored.selfScore));
    await expect(cells.nth(count - 2)).toHaveText(
      scored.reviewedScore === null ? '' : formatScore(scored.reviewedScore),
    );
  }
  await expect(finance.getByTestId('funds-total')).toContainText(formatRate(expected.budget.rate));
  await expect(finance.getByTestId('funds-total')).toContainText(formatScore(expected.budget.finalScore));
  await expect(finance.getByTestId('mof-total')).toContainText(formatScore(expected.selfTotal));
  await expect(finance.getByTestId('mof-total')).toContainText(formatScore(expected.finalTotal));
  await expect(finance.getByTestId('mof-grade')).toHaveText(expected.finalGrade);
  await finance.emulateMedia({ media: 'print' });
  await expect(finance.getByRole('link', { name: '导出 Excel' })).toBeHidden();
  const artifacts = path.resolve(__dirname, '..', 'e2e-artifacts');
  mkdirSync(artifacts, { recursive: true });
  const screenshot = await finance.screenshot({
    path: path.join(artifacts, 'self-evaluation-print.png'),
    fullPage: true,
  });
  await testInfo.attach('self-evaluation-print', { body: screenshot, contentType: 'image/png' });
  const pdf = await finance.pdf({
    path: path.join(artifacts, 'self-evaluation.pdf'),
    format: 'A4',
    landscape: true,
    printBackground: true,
  });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
  await finance.emulateMedia({ media: 'screen' });

  // The finance overview: charts and the flags worth a reviewer's look.
  await finance.goto('/overview');
  await expect(finance.getByTestId('grade-chart').locator('svg .recharts-bar-rectangle').first()).toBeVisible();
  await expect(finance.getByTestId('score-histogram').locator('svg')).toBeVisible();
  await expect(finance.getByTestId('overview-table').getByRole('row', { name: new RegExp(PROJECT) })).toContainText(
    formatScore(expected.finalTotal),
  );
  // 值得关注 is the overview's third tab, a link of its own.
  await finance.getByTestId('overview-tab-flags').click();
  await expect(finance).toHaveURL(/[?&]tab=flags/);
  const flag = finance.getByTestId('flag-table').getByRole('row', { name: new RegExp(PROJECT) });
  await expect(flag.filter({ hasText: '复核得分与自评不同' })).toContainText(`第2行“${ROWS.hours}”`);
});
