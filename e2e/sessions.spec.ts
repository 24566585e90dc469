import { request, type APIRequestContext } from '@playwright/test';
import { expect, isolatedTest, newPage, signIn } from './support/fixtures';
import { apiAs, callAction } from './support/http';

/** Changes finance's password and ends demo accounts' sessions: a server and database of its own. */
const test = isolatedTest();

/** Whether a client's session still opens a page (a dead one is sent to the sign-in page). */
async function signedIn(ctx: APIRequestContext): Promise<boolean> {
  const res = await ctx.get('/account', { maxRedirects: 0 });
  return res.status() === 200;
}

test('signing out ends the session on the server: a copy of its cookie stops working', async ({ server }) => {
  const browserA = await apiAs(server.url, 'head');
  const { cookies } = await browserA.storageState();
  const copied = await request.newContext({
    baseURL: server.url,
    storageState: { cookies, origins: [] },
  });
  expect(await signedIn(copied)).toBe(true);
  const { csrfToken } = await (await browserA.get('/api/auth/csrf')).json();
  await browserA.post('/api/auth/signout', { form: { csrfToken, json: 'true' } });
  expect(await signedIn(copied)).toBe(false);
  // The user signs in again as usual.
  expect(await signedIn(await apiAs(server.url, 'head'))).toBe(true);
});

test('退出所有设备 ends every session of the account; anonymous callers are refused', async ({ browser, server }) => {
  const elsewhere = await apiAs(server.url, 'owner2');
  const page = await newPage(browser, server.url);
  await signIn(page, 'owner2');
  await page.goto('/account');
  await page.getByRole('button', { name: '退出所有设备' }).click();
  await page.waitForURL(/\/login$/);
  expect(await signedIn(elsewhere)).toBe(false);
  await page.goto('/account');
  await page.waitForURL(/\/login/);
  await page.context().close();

  const anonymous = await apiAs(server.url, null);
  expect(await callAction(anonymous, '/account', 'signOutEverywhereAction', {})).toMatchObject({
    ok: false,
    code: 'unauthenticated',
  });
});

test('changing one’s password ends the other sessions and keeps this one', async ({ browser, server }) => {
  const elsewhere = await apiAs(server.url, 'finance');
  const page = await newPage(browser, server.url);
  await signIn(page, 'finance');
  await page.goto('/account');
  await page.getByLabel('当前密码').fill('demo1234');
  await page.getByLabel('新密码', { exact: true }).fill('Finance-pass-2026');
  await page.getByLabel('再次输入新密码').fill('Finance-pass-2026');
  const signedInAgain = page.waitForResponse((res) => res.url().includes('/api/auth/callback/credentials'));
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByText('密码已修改')).toBeVisible();
  expect((await signedInAgain).ok()).toBe(true);
  // The form signed in again with the new password: the next page opens without the sign-in page.
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: '我的账号' })).toBeVisible();
  expect(await signedIn(elsewhere)).toBe(false);
  await page.context().close();
});
