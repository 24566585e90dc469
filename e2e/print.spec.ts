import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { completeDraft, demoWorkflow } from './support/drafts';
import { expect, test } from './support/fixtures';
import type { Page } from '@playwright/test';

/**
 * Issue 14 point 11: the 项目支出绩效自评表 prints like the tables units publish.
 *
 * How the pages are checked: the PDF's text is not read (no PDF text parser is installed here).
 * Instead the page is laid out for print (emulateMedia print, the viewport as wide as the printable
 * area of the A4 landscape page the stylesheet asks for), the blocks' heights are read from that
 * layout and paginated the way Chromium's print does (rows whole, the thead repeated on every page
 * of the indicators), and that pagination must agree with the real one: page.pdf's page count.
 */

/** 13 indicators (owner2's). */
const PROJECT = '应急管理及安全生产宣传教育培训专项经费';
const PUBLISHED_COLUMNS = '一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施'.split(
  ' ',
);
/** `@page self-evaluation` in app/globals.css: A4 landscape, margins 14 / 10 / 12 / 10 mm. */
const PX_PER_MM = 96 / 25.4;
const PRINTABLE = { width: (297 - 20) * PX_PER_MM, height: (210 - 14 - 12) * PX_PER_MM };

test.describe.configure({ timeout: 120_000 });

/** Every block of the printed document in order, with its height in the print layout; rows of the indicators marked. */
async function printBlocks(page: Page) {
  return page.evaluate(() => {
    const height = (el: Element) => el.getBoundingClientRect().height;
    const print = document.querySelector('[data-testid="mof-table"]')!;
    const [head, indicators] = print.querySelectorAll('table');
    const blocks: Array<{ id: string; height: number; repeatsHead?: boolean }> = [];
    const top = document.body.getBoundingClientRect().top;
    // Everything above the 自评表's first row (the not-final mark, the title): one block with it.
    const headRows = [...head.querySelectorAll('tr')];
    blocks.push({ id: 'above', height: headRows[0].getBoundingClientRect().top - top });
    headRows.forEach((tr, i) => blocks.push({ id: `head-${i}`, height: height(tr) }));
    for (const tr of indicators.querySelectorAll('tbody tr'))
      blocks.push({ id: tr.getAttribute('data-testid') ?? 'summary', height: height(tr), repeatsHead: true });
    const signature = print.querySelector('[data-testid="mof-signature"]')!;
    blocks.push({
      id: 'signature',
      height: signature.getBoundingClientRect().bottom - indicators.getBoundingClientRect().bottom,
    });
    return { blocks, theadHeight: height(indicators.querySelector('thead')!) };
  });
}

/** Pages of whole blocks, each page of the indicators starting with the repeated header row. */
function paginate({ blocks, theadHeight }: Awaited<ReturnType<typeof printBlocks>>, pageHeight: number) {
  const pages: string[][] = [[]];
  let used = 0;
  let inIndicators = false;
  for (const block of blocks) {
    const head = block.repeatsHead && !inIndicators ? theadHeight : 0;
    if (used + head + block.height > pageHeight && pages.at(-1)!.length > 0) {
      pages.push([]);
      used = block.repeatsHead ? theadHeight : 0;
    } else used += head;
    inIndicators ||= Boolean(block.repeatsHead);
    pages.at(-1)!.push(block.id);
    used += block.height;
  }
  return pages;
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

  // The print layout: as wide as the printable area of the page.
  await finance.setViewportSize({ width: Math.floor(PRINTABLE.width), height: Math.floor(PRINTABLE.height) });
  await finance.emulateMedia({ media: 'print' });
  await expect(finance.getByRole('link', { name: '导出 Excel' })).toBeHidden();
  const layout = await printBlocks(finance);
  const pages = paginate(layout, PRINTABLE.height);
  const artifacts = path.resolve(__dirname, '..', 'e2e-artifacts');
  mkdirSync(artifacts, { recursive: true });
  const pdf = await finance.pdf({ path: path.join(artifacts, 'self-evaluation-13.pdf'), preferCSSPageSize: true });
  await testInfo.attach('self-evaluation-13.pdf', { body: pdf, contentType: 'application/pdf' });
  const pdfPages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;

  // Page 1 holds the project's block and carries on into the indicators: no half-empty first page.
  expect(pages[0]).toContain('mof-row-1');
  expect(layout.blocks.find((b) => b.id === 'mof-row-1')!.height).toBeLessThan(PRINTABLE.height / 4);
  // More than one page of indicators, whose header row is a table-header-group: Chromium repeats it on each.
  expect(pages.filter((p) => p.some((id) => id.startsWith('mof-row-'))).length).toBeGreaterThan(1);
  await expect(finance.getByTestId('mof-indicators').locator('thead')).toHaveCSS('display', 'table-header-group');
  // The real print has exactly these pages, and its last one ends with the signature block.
  expect(pdfPages).toBe(pages.length);
  expect(pages.at(-1)!.at(-1)).toBe('signature');
  await finance.emulateMedia({ media: 'screen' });
});
