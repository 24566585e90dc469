import { expect, pageFor, submitLogin, test } from './support/fixtures';
import type { Browser } from '@playwright/test';

async function anonymousPage(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN' });
  return context.newPage();
}

test.describe('redirects stay on the host the user came by', () => {
  test('signing out lands on /login of the same host, whether reached as 127.0.0.1 or localhost', async ({
    browser,
    server,
  }) => {
    const { port } = new URL(server.url);
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const page = await pageFor(browser, origin, 'owner1');
      // owner1 lands on 待办 (lib/workflow/landing.ts): their drafts are waiting there.
      await expect(page.getByTestId('task-row').first()).toBeVisible();
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL((url) => url.pathname === '/login');
      expect(page.url()).toBe(`${origin}/login`);
      // Signed out for real: a page sends back to the sign-in page, remembering where it was.
      await page.goto('/projects?year=2024');
      expect(page.url()).toBe(`${origin}/login?callbackUrl=%2Fprojects%3Fyear%3D2024`);
      await page.context().close();
    }
  });

  test("next-auth's own answers name the request's host and only this site's paths", async ({ browser, server }) => {
    const { port } = new URL(server.url);
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const page = await anonymousPage(browser, origin);
      const { csrfToken } = await (await page.request.get('/api/auth/csrf')).json();
      const answerFor = async (callbackUrl: string) => {
        const res = await page.request.post('/api/auth/signout', { form: { csrfToken, callbackUrl, json: 'true' } });
        return (await res.json()).url;
      };
      expect(await answerFor('/evaluations/3')).toBe(`${origin}/evaluations/3`);
      expect(await answerFor(`${origin}/rules`)).toBe(`${origin}/rules`);
      expect(await answerFor('https://evil.example/login')).toBe(`${origin}/`);
      expect(await answerFor('/.//evil.example')).toBe(`${origin}/`);
      await page.context().close();
    }
  });

  test('a deep link survives sign-in; a link to another site does not', async ({ browser, server }) => {
    const page = await anonymousPage(browser, server.url);
    await page.goto('/evaluations/3');
    expect(page.url()).toBe(`${server.url}/login?callbackUrl=%2Fevaluations%2F3`);
    await submitLogin(page, 'finance');
    await page.waitForURL(`${server.url}/evaluations/3`);
    await expect(page.getByTestId('evaluation-status')).toBeVisible();

    // Already signed in, the sign-in page forwards to where the link pointed.
    await page.goto('/login?callbackUrl=%2Fevaluations%2F3%2Ftable');
    expect(page.url()).toBe(`${server.url}/evaluations/3/table`);
    await page.context().close();

    for (const foreign of ['/.//evil.example', '//evil.example', '/\\evil.example', 'https://evil.example/']) {
      const other = await anonymousPage(browser, server.url);
      await other.goto(`/login?callbackUrl=${encodeURIComponent(foreign)}`);
      await submitLogin(other, 'finance');
      await other.waitForURL((url) => url.pathname !== '/login');
      // Where finance lands without a usable link: 待办 (lib/workflow/landing.ts).
      expect(other.url(), foreign).toBe(`${server.url}/tasks`);
      await other.context().close();
    }
  });
});
