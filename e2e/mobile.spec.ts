import { test, expect, signIn } from './support/fixtures';
import type { Browser, Page, TestInfo } from '@playwright/test';

/**
 * Issue 14 point 9: on a 390 px wide phone no page scrolls sideways (a wide table scrolls inside its
 * own box); each page is kept as a screenshot at 1440 and at 390 px, as test artifacts.
 */
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

async function pageAt(browser: Browser, baseURL: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return context.newPage();
}

/** The first evaluation in the caller's project list. */
async function firstEvaluation(page: Page): Promise<string> {
  await page.goto('/projects');
  const href = await page
    .getByRole('link', { name: /填写|查看|审核|复核/ })
    .first()
    .getAttribute('href');
  return href!.replace(/\?.*$/, '');
}

const PAGES: Array<{ label: string; as: string | null; path: (page: Page) => Promise<string> }> = [
  { label: 'login', as: null, path: async () => '/login' },
  { label: 'projects', as: 'owner1', path: async () => '/projects' },
  { label: 'tasks', as: 'finance', path: async () => '/tasks' },
  { label: 'evaluation', as: 'owner1', path: firstEvaluation },
  { label: 'overview', as: 'finance', path: async () => '/overview' },
  { label: 'sheet', as: 'owner1', path: async (page) => `${await firstEvaluation(page)}/table` },
];

async function keep(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

for (const { label, as, path } of PAGES)
  test(`${label}: no sideways scroll at 390 px, screenshots at 1440 and 390`, async ({ browser, server }, testInfo) => {
    for (const [size, viewport] of [
      ['1440', DESKTOP],
      ['390', PHONE],
    ] as const) {
      const page = await pageAt(browser, server.url, viewport);
      if (as) await signIn(page, as);
      await page.goto(await path(page));
      await page.waitForLoadState('networkidle');
      await keep(page, testInfo, `${label}-${size}.png`);
      if (size === '390') {
        const widths = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          // What sticks out, for the message: elements whose right edge passes the viewport.
          wide: [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
            .filter((el) => !el.closest('.table-scroll, .scroll-box'))
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
        }));
        expect(widths.page, `too wide: ${widths.wide.join(', ')}`).toBeLessThanOrEqual(390);
      }
      await page.context().close();
    }
  });
