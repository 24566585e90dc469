import { expect, pageFor, test } from './support/fixtures';
import type { Page } from '@playwright/test';

/** Records every CSP violation and uncaught error of a page, from before its first script runs. */
async function watchForViolations(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => problems.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { reportViolation: (text: string) => void }).reportViolation;
      report(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${location.pathname}`);
    });
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (/Content.Security.Policy|Permissions.Policy/i.test(message.text())) problems.push(message.text());
  });
  return problems;
}

/** React hydrates the page (its elements get React's fiber), which it cannot when its scripts are blocked. */
async function expectHydrated(page: Page, path: string) {
  const hydrated = () =>
    page.evaluate(() =>
      Object.keys(document.querySelector('main') ?? document.body).some((key) => key.startsWith('__react')),
    );
  await expect.poll(hydrated, { message: path, timeout: 15_000 }).toBe(true);
}

const PAGES: Record<string, string[]> = {
  finance: [
    '/projects',
    '/tasks',
    '/overview',
    '/rules',
    '/account',
    '/evaluations/1',
    '/evaluations/1/table',
    '/projects/1',
    '/projects/1/targets',
    '/admin',
    '/admin/targets',
    '/admin/years',
    '/admin/years/2024',
    '/admin/years/2024/rollover',
    '/no-such-page',
  ],
  admin: ['/admin/users', '/admin/users/new', '/admin/users/1', '/admin/users/assign', '/admin/departments', '/tasks'],
};

test('every page renders and hydrates under the enforced CSP without a single violation', async ({
  browser,
  server,
}) => {
  test.setTimeout(120_000);
  const anonymous = await (await browser.newContext({ baseURL: server.url, locale: 'zh-CN' })).newPage();
  const anonymousProblems = await watchForViolations(anonymous);
  await anonymous.goto('/login');
  // The form validates in the browser: only a running script can say this.
  await anonymous.getByRole('button', { name: '登录' }).click();
  await expect(anonymous.getByText('请输入用户名')).toBeVisible();
  expect(anonymousProblems).toEqual([]);

  for (const [username, paths] of Object.entries(PAGES)) {
    const page = await pageFor(browser, server.url, username);
    const problems = await watchForViolations(page);
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await expectHydrated(page, path);
    }
    // The overview's charts are drawn in the browser (recharts) under the same policy.
    await page.goto('/overview');
    await expect(page.getByTestId('grade-chart').locator('svg').first()).toBeVisible();
    // A client-side navigation loads further chunks under the policy too.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '评分规则' }).click();
    await page.waitForURL('**/rules');
    expect(problems, username).toEqual([]);
    await page.context().close();
  }
});
