import { completeDraft, evaluationAs, saveDraftAs } from './support/drafts';
import { EQUIPMENT_ROWS, fillEquipmentActuals, openFromList } from './support/equipment';
import { expect, isolatedTest, openEvaluation } from './support/fixtures';
import { callAction } from './support/http';
import type { Page } from '@playwright/test';

/**
 * Issue 14, the owner's form (points 1–6) and the page around it (point 8). Its own server: the
 * specs save, submit and read the 修改记录 of projects other specs also open.
 */
const test = isolatedTest().extend<{ formAs: (username: string, project?: string) => Promise<Page> }>({
  /** `await formAs('owner1', project)`: a page signed in as the owner, on the project's form from their list. */
  formAs: async ({ pageAs }, use) =>
    use(async (username, project) => {
      const page = await pageAs(username);
      await openFromList(page, project);
      return page;
    }),
});

const ROWS = EQUIPMENT_ROWS;
const openForm = openFromList;

/** Everything this project needs, met or explained, as typed with a Chinese IME where it can be. */
async function fillComplete(page: Page) {
  await fillEquipmentActuals(page, [['１', '13', '3'], '1', '９９％', ' 98 ', '100%', { tier: '达成' }, '96']);
  await page.getByLabel('全年执行数').fill('３６．１');
  await page.getByLabel('年度总体目标实际完成情况').fill('设备已采购到位，物业服务全年正常。');
}

test('input that forgives, compound parts with their targets, honest status, and 提交审核 that asks with the score, grade and what is missing', async ({
  formAs,
}) => {
  test.setTimeout(120_000);
  const owner = await formAs('owner1');

  // Point 5: nothing entered yet says so, not a red 0.00 差; no message before anything was typed.
  await expect(owner.getByTestId('live-total')).toHaveText('尚未填写');
  await expect(owner.getByTestId('live-grade')).toHaveCount(0);
  await expect(owner.getByTestId('live-progress')).toHaveText('已填 0 / 8');
  await expect(owner.locator('main').getByRole('alert')).toHaveCount(0);

  // Point 3: each part of a compound target shows its own target beside its input.
  const parts = owner.getByTestId('indicator-row-1');
  await expect(parts.locator('label').filter({ hasText: '信创笔记本电脑' })).toContainText('/ 3 台');
  await expect(parts.locator('label').filter({ hasText: '信创台式电脑' })).toContainText('/ 13 台');

  // Point 1: full-width digits, a trailing ％ and spaces are the numbers they mean; counted at once.
  await owner.getByLabel(`${ROWS.quality} 实际完成值`).fill('９９％');
  await owner.getByLabel(`${ROWS.acceptance} 实际完成值`).fill(' 98 ');
  await owner.getByLabel(`${ROWS.acceptance} 实际完成值`).blur();
  await expect(owner.getByTestId('score-3')).not.toHaveText('—');
  await expect(owner.getByTestId('score-4')).not.toHaveText('—');
  await expect(owner.getByTestId('live-progress')).toHaveText('已填 2 / 8');
  await expect(owner.locator('main').getByRole('alert')).toHaveCount(0);

  // A wrong number is refused when the field is left, and the panel names the row as invalid, not as 未填写.
  const service = owner.getByLabel(`${ROWS.service} 实际完成值`);
  await service.fill('1,00');
  await service.blur();
  await expect(owner.getByTestId('indicator-row-5').getByRole('alert')).toHaveText('请输入数字，如 95 或 95.5');
  await expect(owner.getByTestId('score-5')).toHaveText('填写有误');
  await expect(owner.getByTestId('live-invalid')).toContainText('第5行');
  await expect(owner.getByTestId('live-progress')).toHaveText('已填 2 / 8');
  await service.fill('100%');
  await expect(owner.getByTestId('indicator-row-5').getByRole('alert')).toHaveCount(0);
  await expect(owner.getByTestId('live-invalid')).toHaveCount(0);

  // Thousands separators in money; the server stores the normalised number.
  await owner.getByLabel('全年预算数').fill('1,000');
  await owner.getByLabel('全年执行数').fill('３６．１');
  await owner.getByRole('button', { name: '保存草稿' }).click();
  await expect(owner.getByRole('status').filter({ hasText: '已保存草稿' })).toBeVisible();
  await owner.reload();
  await expect(owner.getByLabel(`${ROWS.quality} 实际完成值`)).toHaveValue('99');
  await expect(owner.getByLabel('全年预算数')).toHaveValue('1000');
  await expect(owner.getByLabel('全年执行数')).toHaveValue('36.1');
  await expect(owner.getByTestId('live-grade')).toBeVisible();

  // 提交审核 asks first: the score and grade, and what is missing, each a link to its row.
  await owner.getByLabel('全年预算数').fill('');
  await owner.getByRole('button', { name: '提交审核' }).click();
  const dialog = owner.getByTestId('submit-dialog');
  await expect(dialog).toContainText('自评得分');
  await expect(dialog.getByRole('alert')).toContainText('还不能提交');
  await expect(dialog.getByRole('button', { name: '确认提交' })).toHaveCount(0);
  await dialog.getByRole('link', { name: `第1行“${ROWS.devices}”：未填写实际完成值` }).click();
  await expect(dialog).toBeHidden();
  expect(new URL(owner.url()).hash).toBe('#indicator-1');

  await fillComplete(owner);
  await expect(owner.getByTestId('live-progress')).toHaveText('已填 8 / 8');
  const total = await owner.getByTestId('live-total').textContent();
  await owner.getByRole('button', { name: '提交审核' }).click();
  await expect(dialog).toContainText(`自评得分 ${total}`);
  await expect(dialog).toContainText(`等级 ${await owner.getByTestId('live-grade').textContent()}`);
  await dialog.getByRole('button', { name: '确认提交' }).click();
  await expect(owner.getByTestId('evaluation-status')).toHaveText('已提交');
  // The role once after the name, in the 流转记录.
  await expect(owner.getByTestId('timeline')).toContainText('张伟（项目负责人）提交');
});

test('one line per row; 填写说明 and 调减得分 open on demand; counters refuse more without cutting', async ({
  formAs,
}) => {
  test.setTimeout(120_000);
  const owner = await formAs('owner1', '应急专项经费');
  const row = owner.getByTestId('indicator-row-1');
  const name = (await row.locator('td').nth(1).textContent())!;

  // Point 4: the row is one line: its number input and two links, no explanation box, no deduction.
  await expect(row.getByRole('textbox')).toHaveCount(1);
  await expect(row.getByRole('button', { name: `${name} 调减得分` })).toBeVisible();
  await expect(owner.getByLabel(`${name} 调减后得分`)).toHaveCount(0);

  await row.getByRole('button', { name: `${name} 填写说明` }).click();
  const explanation = owner.getByLabel(`${name} 偏差原因分析及改进措施`);
  await expect(explanation).toBeVisible();

  // Point 2: a paste longer than the limit stays whole; the counter turns red, the message stands, saving is refused.
  const long = '说'.repeat(2001);
  await explanation.fill(long);
  const counter = row.getByTestId('char-count');
  await expect(counter).toHaveText(/^2,001 \/ 2,000/);
  await expect(counter).toHaveClass(/over/);
  await expect(explanation).toHaveValue(long);
  await owner.getByRole('button', { name: '保存草稿' }).click();
  await expect(row.getByRole('alert')).toHaveText('不能超过2000字（现有2001字），请删减后再保存');
  // Point 8: the refusal links to its row.
  await expect(owner.getByTestId('error-rows').getByRole('link', { name: '第1行' })).toHaveAttribute(
    'href',
    '#indicator-1',
  );
  await explanation.fill('说'.repeat(2000));
  await expect(counter).toHaveText('2,000 / 2,000');
  await expect(row.getByRole('alert')).toHaveCount(0);

  // The deduction behind its link, one name: 调减得分 / 调减后得分 / 调减理由.
  await row.getByRole('button', { name: `${name} 调减得分` }).click();
  await expect(owner.getByLabel(`${name} 调减后得分`)).toBeVisible();
  await owner.getByRole('button', { name: '保存草稿' }).click();
  await expect(row.getByRole('alert')).toHaveText(['请填写调减后得分', '请填写调减理由']);
  await row.getByRole('button', { name: `${name} 取消调减` }).click();
  await expect(owner.getByLabel(`${name} 调减后得分`)).toHaveCount(0);
});

test('execution above the budget warns and requires an explanation, in the form and on the server', async ({
  formAs,
  server,
}) => {
  // The server: a complete draft spending beyond the budget is saved, but not submitted without the explanation.
  const { api, id, detail } = await evaluationAs(server.url, 'owner1', '执法检查事故调查处理经费');
  const saved = await saveDraftAs(api, { ...completeDraft(detail), budgetExecuted: `${detail.budget.initial}1` });
  expect(saved).toMatchObject({ ok: true });
  const version = saved.data?.version as number;
  const refused = await callAction(api, `/evaluations/${id}`, 'submitAction', { evaluationId: id, version });
  expect(refused).toMatchObject({
    ok: false,
    fieldErrors: { budgetExplanation: '须填写：预算执行率超过100%（全年执行数超过全年预算数）' },
  });

  const owner = await formAs('owner1', '应急专项经费');
  await expect(owner.getByTestId('over-budget')).toHaveCount(0);
  await owner.getByLabel('全年预算数').fill('10');
  await owner.getByLabel('全年执行数').fill('12');
  await expect(owner.getByTestId('over-budget')).toContainText('全年执行数超过全年预算数（执行率 120.00%）');
  const budget = owner.locator('#budget-section');
  await expect(budget).toContainText('必填：预算执行率超过100%（全年执行数超过全年预算数）');
  await expect(owner.getByLabel('预算执行偏差原因分析及改进措施')).toBeVisible();
  await owner.getByRole('button', { name: '提交审核' }).click();
  await expect(owner.getByTestId('submit-dialog').getByRole('alert')).toContainText(
    '预算执行率：预算执行率超过100%（全年执行数超过全年预算数），请填写偏差原因分析及改进措施',
  );
});

test('the page: title, favicon, skip link, focus ring on the red header, opaque action bar, stable columns, a readable 修改记录', async ({
  formAs,
  pageAs,
}) => {
  test.setTimeout(120_000);
  const owner = await formAs('owner2', '区级应急避护场所建设专项经费');
  await owner.getByLabel('年度总体目标实际完成情况').fill(`${'全年完成避护场所建设与验收，'.repeat(8)}结束。`);
  await owner.getByRole('button', { name: '保存草稿' }).click();
  await expect(owner.getByRole('status').filter({ hasText: '已保存草稿' })).toBeVisible();

  const head = await pageAs('head');
  await openEvaluation(head, '安全生产基础工作专项经费');
  await expect(head).toHaveTitle('安全生产基础工作专项经费 · 绩效自评');
  const icon = await head.locator('link[rel="icon"]').first().getAttribute('href');
  expect(icon).toContain('/icon.svg');
  const served = await head.request.get(icon!);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toContain('image/svg+xml');

  // The role once after the name in the header.
  const header = head.locator('header.app-header');
  await expect(header).toContainText('林志强部门负责人');
  await expect(header).not.toContainText('（部门负责人）');

  // The first Tab of a loaded page reaches the skip link; it moves focus to the page's content.
  await head.reload();
  await head.keyboard.press('Tab');
  const skip = head.getByRole('link', { name: '跳到主要内容' });
  await expect(skip).toBeFocused();
  await skip.press('Enter');
  await expect(head.locator('#main-content')).toBeFocused();

  // A visible (white) focus ring on the red header. Loaded afresh without the #main-content the skip link may
  // have put in the URL (before hydration it is a plain anchor): a reload would keep it, and Tab would start there.
  await head.goto(head.url().split('#')[0]);
  await head.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await head.keyboard.press('Tab');
  const focused = head.locator('header.app-header :focus');
  await expect(focused).toHaveCount(1);
  expect(await focused.evaluate((el) => getComputedStyle(el).outlineColor)).toBe('rgb(255, 255, 255)');

  // The owner's form: an opaque sticky action bar; 三级指标 and 年度指标值 keep their widths whatever is typed.
  await openForm(owner, '区级应急避护场所建设专项经费');
  const bar = owner.locator('.form-actions');
  expect(await bar.evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
  expect(await bar.evaluate((el) => getComputedStyle(el).backgroundColor)).toMatch(/^rgb\(\d+, \d+, \d+\)$/);
  const widths = () =>
    owner
      .getByTestId('entry-table')
      .locator('thead th')
      .evaluateAll((ths) => ths.slice(1, 3).map((th) => Math.round(th.getBoundingClientRect().width)));
  const before = await widths();
  expect(Math.min(...before)).toBeGreaterThanOrEqual(120);
  await owner.getByTestId('indicator-row-1').getByRole('textbox').first().fill('1'.repeat(30));
  expect(await widths()).toEqual(before);

  // 修改记录 (for the head): fixed columns, a long value cut behind 展开.
  await head.goto(owner.url());
  await head.getByText(/^修改记录（/).click();
  const audit = head.getByTestId('audit-table');
  const cut = audit.locator('details.cut-text').first();
  await expect(cut.getByText('展开')).toBeVisible();
  await expect(cut.locator('.cut-full')).toBeHidden();
  await cut.getByText('展开').click();
  await expect(cut.locator('.cut-full')).toBeVisible();
  await expect(cut.locator('.cut-full')).toContainText('结束。');
  await expect(cut.getByText('展开')).toBeHidden();
});
