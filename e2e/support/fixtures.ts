import { test as base, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from './server';

export const DEMO_PASSWORD = 'demo1234';

/** Fills in and sends the login form of the page already open, as a user would, whatever the answer. */
export async function submitLogin(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Signs in through the login form and waits to be let in. */
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

/** The path of the first evaluation in the signed-in caller's project list. */
export async function firstEvaluationPath(page: Page): Promise<string> {
  await page.goto('/projects');
  const href = await page
    .getByRole('link', { name: /填写|查看|审核|复核/ })
    .first()
    .getAttribute('href');
  return href!.replace(/\?.*$/, '');
}

/**
 * The element once React has hydrated it (its props are attached to the node): a click or a fill on a page that
 * was just loaded or reloaded, before hydration, goes nowhere. Under the full suite's load hydration can lag.
 */
export async function hydrated(locator: Locator): Promise<Locator> {
  await expect
    .poll(() => locator.evaluate((node) => Object.keys(node).some((key) => key.startsWith('__reactProps'))))
    .toBe(true);
  return locator;
}

/** 提交审核, then 确认提交 in the confirmation that shows the score and grade (nothing may be missing). */
export async function submitForReview(page: Page) {
  await (await hydrated(page.getByRole('button', { name: '提交审核' }))).click();
  await page.getByTestId('submit-dialog').getByRole('button', { name: '确认提交' }).click();
}

/** A page in a fresh browser context, nobody signed in: one per person in multi-user flows. */
export async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1400, height: 1000 },
  });
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

/** A fresh browser context signed in as `username`, then open at `path` where one is given. */
export async function pageFor(browser: Browser, baseURL: string, username: string, path?: string): Promise<Page> {
  const page = await newPage(browser, baseURL);
  await signIn(page, username);
  if (path) await page.goto(path);
  return page;
}

type PageAs = (username: string, path?: string) => Promise<Page>;

/** A server with a fresh database for as long as `use` runs; `prepare` may add to its data first. */
export const ownServer =
  (prepare?: (server: TestServer) => Promise<void>) =>
  async ({}, use: (server: TestServer) => Promise<void>) => {
    const server = await startTestServer();
    await prepare?.(server);
    await use(server);
    await server.stop();
  };

/** One server per worker, shared by its specs. */
export const workerServer = (
  prepare?: (server: TestServer) => Promise<void>,
): [ReturnType<typeof ownServer>, { scope: 'worker'; timeout: number }] => [
  ownServer(prepare),
  { scope: 'worker', timeout: 120_000 },
];

export const test = base.extend<
  { freshServer: TestServer; pageAs: PageAs; freshPageAs: PageAs },
  { server: TestServer }
>({
  // A server of its own for a test that changes what every page shows (a new year, for one).
  freshServer: ownServer(),
  server: workerServer(),
  baseURL: async ({ server }, use) => use(server.url),
  /** `await pageAs('owner1')`: a page signed in on the worker's server; `pageAs('admin', '/admin/users')`, open there. */
  pageAs: async ({ browser, server }, use) => use((username, path) => pageFor(browser, server.url, username, path)),
  freshPageAs: async ({ browser, freshServer }, use) =>
    use((username, path) => pageFor(browser, freshServer.url, username, path)),
});

export { expect };

/**
 * For a spec that changes what other specs rely on (demo passwords, deactivated users): call it once
 * per spec file. Each call overrides the worker server anew, so the spec runs in workers of its own,
 * on a database no other spec shares (one shared override would put all such specs on one server).
 */
export const isolatedTest = () => test.extend<object, { server: TestServer }>({ server: workerServer() });
