import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from './server';

export const DEMO_PASSWORD = 'demo1234';

/** Fills and sends the login form of the page already open. */
export async function submitLogin(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Signs in through the login form, as a user would. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await submitLogin(page, username, password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** From the project list to the project's evaluation page, as a user clicks through. */
export async function openEvaluation(page: Page, project: string) {
  await page.goto('/projects');
  await page.getByRole('link', { name: project, exact: true }).click();
  await page.getByRole('link', { name: /^绩效自评（/ }).click();
  await expect(page.getByTestId('evaluation-status')).toBeVisible();
}

/** A fresh browser context signed in as `username`: one per person in multi-user flows. */
export async function pageFor(browser: Browser, baseURL: string, username: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1400, height: 1000 },
  });
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await signIn(page, username);
  return page;
}

export const test = base.extend<{ freshServer: TestServer }, { server: TestServer }>({
  // A server of its own for a test that changes what every page shows (a new year, for one).
  freshServer: async ({}, use) => {
    const server = await startTestServer();
    await use(server);
    await server.stop();
  },
  server: [
    async ({}, use) => {
      const server = await startTestServer();
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ server }, use) => use(server.url),
});

export { expect };

/**
 * For specs that change what other specs rely on (demo passwords, deactivated users): the worker
 * server overridden here puts these tests in workers of their own, each with its own database.
 */
export const isolatedTest = test.extend<object, { server: TestServer }>({
  server: [
    async ({}, use) => {
      const server = await startTestServer();
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});
