import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { completeDraft, demoWorkflow } from './support/drafts';
import { expect, test } from './support/fixtures';

/**
 * Issue 14 point 11: the 项目支出绩效自评表 prints like the tables units publish.
 *
 * The pages are checked in the PDF itself: page.pdf's file, read page by page with poppler's
 * pdftotext (`-f n -l n`). In -raw mode, the order the text is drawn in: Chromium draws a cell's
 * lines together, so a wrapped 三级指标 name is one string once the line breaks are taken out
 * (-layout, and the default reading order, interleave its lines with those of the cells beside it).
 */

/** 13 indicators (owner2's). */
const PROJECT = '应急管理及安全生产宣传教育培训专项经费';
const PUBLISHED_COLUMNS = '一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施'.split(
  ' ',
);

test.describe.configure({ timeout: 120_000 });

const bare = (text: string) => text.replace(/\s+/g, '');

/** The text of each page of a PDF file, without whitespace (a cell's wrapped lines joined again). */
function pdfPages(file: string): string[] {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  return Array.from({ length: count }, (_, i) =>
    bare(execFileSync('pdftotext', ['-raw', '-f', `${i + 1}`, '-l', `${i + 1}`, file, '-'], { encoding: 'utf8' })),
  );
}

test('the 自评表 of a 13-indicator evaluation prints on A4 landscape: rows from page 1 on, the header on every page, the signature block on the last', async ({
  pageAs,
  server,
}, testInfo) => {
  const flow = await demoWorkflow(server.url);
  const id = flow.idOf(PROJECT);

  // An untouched draft has the published eight columns, none of them blank.
  const owner = await pageAs('owner2');
  await owner.goto(`/evaluations/${id}/table`);
  await expect(owner.getByTestId('mof-indicators').locator('thead th')).toHaveText(PUBLISHED_COLUMNS);
  await expect(owner.getByTestId('mof-table').locator('th:empty')).toHaveCount(0);

  // Filled in with an explanation on every row, submitted, approved, and reviewed by finance on row 1.
  await flow.act('owner2', id, 'saveDraftAction', (detail) => {
    const draft = completeDraft(detail);
    draft.indicators.forEach((row, i) => {
      row.explanation = `第${i + 1}项已按年度计划完成，培训与宣传活动的签到表、照片和总结材料已归档，下一年度继续按计划推进。`;
    });
    return draft;
  });
  await flow.act('owner2', id, 'submitAction', flow.step());
  await flow.act('head', id, 'approveAction', flow.step());
  await flow.act('finance', id, 'reviewScoresAction', (d) => ({
    evaluationId: id,
    version: d.version,
    indicators: [{ indicatorId: d.indicators[0].id, score: '5', reason: '培训签到表不全' }],
    budget: { score: '', reason: '' },
  }));

  const finance = await pageAs('finance');
  await finance.goto(`/evaluations/${id}/table`);
  const table = finance.getByTestId('mof-table');
  await expect(finance.getByTestId('mof-indicators').locator('thead th')).toHaveText([
    ...PUBLISHED_COLUMNS,
    '复核得分',
    '复核意见',
  ]);
  await expect(table.locator('th:empty')).toHaveCount(0);
  // Finance's 复核意见 in its own column, the owner's 偏差原因 as the owner wrote it.
  const first = finance.getByTestId('mof-row-1').locator('td');
  await expect(first.nth(7)).toHaveText(/^第1项已按年度计划完成/);
  await expect(first.nth(7)).not.toContainText('复核');
  await expect(first.nth(8)).toHaveText('5.00');
  await expect(first.nth(9)).toHaveText('培训签到表不全');
  await expect(finance.getByTestId('mof-row-2').locator('td').last()).toHaveText('');
  // The signature block, 填报人 and 填报日期 filled in from the submission.
  const today = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' }).format(new Date());
  const signature = finance.getByTestId('mof-signature');
  await expect(signature).toContainText(/填报人：\S+/);
  await expect(signature).toContainText('联系电话：');
  await expect(signature).toContainText(`填报日期：${today}`);
  await expect(signature).toContainText('单位负责人（签字）：');
  await expect(signature).toContainText('单位（盖章）');
  // The running header of every printed page names the project (the @page margin box reads this).
  expect(
    await finance.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--mof-running-head')),
  ).toBe(`"${PROJECT} · 项目支出绩效自评表"`);

  // The print: the 导出 Excel link and the 演示数据 banner are the screen's, not the paper's.
  await expect(finance.getByTestId('demo-banner')).toBeVisible();
  await finance.emulateMedia({ media: 'print' });
  await expect(finance.getByRole('link', { name: '导出 Excel' })).toBeHidden();
  await expect(finance.getByTestId('demo-banner')).toBeHidden();
  const artifacts = path.resolve(__dirname, '..', 'e2e-artifacts');
  mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, 'self-evaluation-13.pdf');
  const pdf = await finance.pdf({ path: file, preferCSSPageSize: true });
  await testInfo.attach('self-evaluation-13.pdf', { body: pdf, contentType: 'application/pdf' });
  const pages = pdfPages(file);
  const indicators = (await flow.read(id)).indicators.map((ind) => ({
    name: bare(ind.name),
    level1: bare(ind.level1),
    level2: bare(ind.level2),
  }));
  expect(indicators).toHaveLength(13);

  // Page 1 holds the project's block and carries on into the indicators: no half-empty first page.
  expect(pages[0]).toContain('项目名称');
  expect(pages[0]).toContain(indicators[0].name);
  expect(pages[0]).toContain('第1项已按年度计划完成');
  expect(pages[0]).not.toContain('演示数据');
  // Every indicator row on one page, in order, over more than one page.
  const pageOf = indicators.map((ind) => pages.findIndex((text) => text.includes(ind.name)));
  expect(pageOf).not.toContain(-1);
  expect(pageOf).toEqual([...pageOf].sort((a, b) => a - b));
  expect(pageOf.at(-1)).toBeGreaterThan(0);
  pages.forEach((text, n) => {
    // The running header and footer of every page; the indicators' header row on each of their pages.
    expect(text).toContain(`${PROJECT}·项目支出绩效自评表`);
    expect(text).toContain(`第${n + 1}页共${pages.length}页`);
    const first = pageOf.indexOf(n);
    if (first === -1) return;
    expect(text).toContain(PUBLISHED_COLUMNS.join(''));
    // A page's first row names its 一级 and 二级指标, even when it carries on a group of the page before.
    expect(text).toContain(indicators[first].level1);
    expect(text).toContain(indicators[first].level2);
  });
  // The signature block closes the last page.
  expect(pages.at(-1)).toContain('单位（盖章）');
  expect(pages.slice(0, -1).join('')).not.toContain('单位（盖章）');
  await finance.emulateMedia({ media: 'screen' });
});
