import { expect, isolatedTest, newPage, signIn, submitLogin } from './support/fixtures';
import { apiAs, callAction } from './support/http';
import type { Page } from '@playwright/test';

/** Changes demo passwords (owner1's, head's): a worker server of its own, shared with no other spec. */
const test = isolatedTest();

async function fillPasswords(page: Page, current: string, next: string, again = next, currentLabel = '当前密码') {
  await page.getByLabel(currentLabel, { exact: true }).fill(current);
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('再次输入新密码', { exact: true }).fill(again);
  await page.getByRole('button', { name: '修改密码' }).click();
}

test('after a reset the user must change the temporary password before anything else', async ({
  browser,
  server,
  pageAs,
}) => {
  test.setTimeout(90_000);
  const TEMPORARY = 'Temp-2024-zw';
  const CHOSEN = 'Zhangwei-2025';

  // A session of owner1's opened before the reset: the reset ends it.
  const earlier = await pageAs('owner1');
  await expect(earlier.getByTestId('task-row')).toHaveCount(9);

  const admin = await pageAs('admin');
  await admin.goto('/admin/users');
  await admin.getByRole('link', { name: '编辑 owner1' }).click();
  await admin.getByLabel('新的临时密码').fill('1234567');
  await admin.getByRole('button', { name: '重置密码' }).click();
  await expect(admin.locator('#temporaryPassword-error')).toHaveText('临时密码至少需要 8 个字符');
  await admin.getByLabel('新的临时密码').fill(TEMPORARY);
  await admin.getByRole('button', { name: '重置密码' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '已重置 张伟 的密码' })).toBeVisible();
  await expect(admin.getByTestId('entity-audit-table')).toContainText('已重置');
  await expect(admin.getByTestId('entity-audit-table')).not.toContainText(TEMPORARY);

  await earlier.goto('/projects');
  await expect(earlier).toHaveURL(/\/login/);

  // The old password is gone; the temporary one opens only the password page.
  const owner = await newPage(browser, server.url);
  await owner.goto('/login');
  await submitLogin(owner, 'owner1');
  await expect(owner.getByRole('alert').filter({ hasText: '用户名或密码错误' })).toHaveText(
    '用户名或密码错误，或账号已停用',
  );
  await signIn(owner, 'owner1', TEMPORARY);
  await expect(owner).toHaveURL(/\/account\/password$/);
  await expect(owner.getByRole('heading', { name: '修改初始密码' })).toBeVisible();
  for (const path of ['/projects', '/account', '/tasks']) {
    await owner.goto(path);
    await expect(owner).toHaveURL(/\/account\/password$/);
  }
  // Server actions refuse too, whatever the page shows.
  const forged = await callAction(await apiAs(server.url, 'owner1', TEMPORARY), '/projects', 'saveDraftAction', {});
  expect(forged).toMatchObject({ ok: false, code: 'forbidden', message: '请先修改初始密码' });

  const CURRENT = '临时密码（当前密码）';
  await fillPasswords(owner, TEMPORARY, 'short', 'short', CURRENT);
  await expect(owner.locator('#newPassword-error')).toHaveText('新密码至少需要 8 个字符');
  await fillPasswords(owner, TEMPORARY, CHOSEN, `${CHOSEN}x`, CURRENT);
  await expect(owner.locator('#confirmPassword-error')).toHaveText('两次输入的新密码不一致');
  await fillPasswords(owner, TEMPORARY, TEMPORARY, TEMPORARY, CURRENT);
  await expect(owner.locator('#newPassword-error')).toHaveText('新密码不能与当前密码相同');
  await fillPasswords(owner, 'not-the-temporary', CHOSEN, CHOSEN, CURRENT);
  await expect(owner.locator('#currentPassword-error')).toHaveText('当前密码不正确');
  await expect(owner.getByLabel('新密码', { exact: true })).toHaveValue(CHOSEN);

  await owner.getByLabel(CURRENT, { exact: true }).fill(TEMPORARY);
  await owner.getByRole('button', { name: '修改密码' }).click();
  await owner.waitForURL(/\/projects$/);
  await expect(owner.getByTestId('project-row')).toHaveCount(9);

  // Signed out, the new password works and the temporary one no longer does.
  await owner.getByRole('button', { name: '退出登录' }).click();
  await owner.waitForURL(/\/login/);
  await signIn(owner, 'owner1', CHOSEN);
  await expect(owner).toHaveURL(/\/tasks$/);
  await expect(apiAs(server.url, 'owner1', TEMPORARY)).rejects.toThrow();
  await owner.context().close();
});

test('every user sees their account, changes their password and reads their recent sign-ins', async ({
  browser,
  server,
}) => {
  const head = await newPage(browser, server.url);
  await head.goto('/login');
  await submitLogin(head, 'head', 'wrong-password');
  await expect(head.getByRole('alert').filter({ hasText: '用户名或密码错误' })).toBeVisible();
  await signIn(head, 'head');

  await head.getByRole('link', { name: /林志强/ }).click();
  await expect(head).toHaveURL(/\/account$/);
  const facts = head.getByTestId('account-facts');
  await expect(facts).toContainText('林志强（部门负责人）');
  await expect(facts).toContainText('head');
  await expect(facts).toContainText('部门负责人');
  await expect(facts).toContainText('广州市白云区应急管理局');

  const rows = head.getByTestId('sign-in-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByRole('cell').nth(3)).toHaveText('成功');
  await expect(rows.nth(1).getByRole('cell').nth(3)).toHaveText('失败');
  await expect(rows.nth(0).getByRole('cell').nth(2)).toContainText('Chrome');
  await expect(rows.nth(0).getByRole('cell').nth(0)).toHaveText(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);

  await fillPasswords(head, 'demo1234', 'demo1234');
  await expect(head.locator('#newPassword-error')).toHaveText('新密码不能与当前密码相同');
  // The form signs in again with the new password: sign out only once that answer is in.
  const signedInAgain = head.waitForResponse((res) => res.url().includes('/api/auth/callback/credentials'));
  await fillPasswords(head, 'demo1234', 'Head-new-2025');
  await expect(head.getByRole('status')).toHaveText('密码已修改');
  expect((await signedInAgain).ok()).toBe(true);
  await expect(head.getByLabel('新密码', { exact: true })).toHaveValue('');

  await head.getByRole('button', { name: '退出登录' }).click();
  await head.waitForURL(/\/login/);
  await signIn(head, 'head', 'Head-new-2025');
  await head.goto('/account');
  // The failure, the first sign-in, the new password's sign-in right after the change, and this one.
  await expect(head.getByTestId('sign-in-row')).toHaveCount(4);
  await head.context().close();
});
