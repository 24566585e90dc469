import { submitNewUser } from './support/admin';
import { expect, isolatedTest, signIn } from './support/fixtures';
import { apiAs, callAction } from './support/http';
import type { Browser } from '@playwright/test';

/** Changes demo accounts: a server and database of its own (isolatedTest). */
const test = isolatedTest();

async function signInRefused(browser: Browser, baseURL: string, username: string, password: string) {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '用户名或密码错误' })).toHaveText(
    '用户名或密码错误，或账号已停用',
  );
  await expect(page).toHaveURL(/\/login/);
  await context.close();
}

test('a deactivated user cannot sign in, and what they did still carries their name', async ({
  browser,
  server,
  pageAs,
}) => {
  test.setTimeout(120_000);
  // Before: owner2 (李娜) saves a draft through the form, which writes audit entries in her name.
  const owner2 = await pageAs('owner2', '/projects');
  const row = owner2.getByTestId('project-row').first();
  const project = (await row.getByRole('link').first().innerText()).trim();
  await row.getByRole('link', { name: '填写并提交自评' }).click();
  await expect(owner2.getByTestId('evaluation-status')).toHaveText('草稿');
  const evaluationPath = new URL(owner2.url()).pathname;
  await owner2.getByLabel('年度总体目标实际完成情况').fill('李娜填写：全年目标基本完成。');
  await owner2.getByRole('button', { name: '保存草稿' }).click();
  await expect(owner2.getByRole('status').filter({ hasText: '已保存草稿' })).toBeVisible();

  // The admin deactivates her from the user list.
  const admin = await pageAs('admin');
  await admin.goto('/admin/users');
  const listed = admin.getByTestId('user-row').filter({ hasText: 'owner2' });
  await expect(listed).toContainText('李娜');
  await expect(listed).toContainText('启用');
  await listed.getByRole('link', { name: '编辑 owner2' }).click();
  await admin.getByRole('button', { name: '停用账号' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '已停用 李娜' })).toContainText('其仍负责 8 个未定稿的项目');
  await expect(admin.getByTestId('user-status')).toHaveText('停用');
  await expect(admin.getByTestId('entity-audit-table').getByRole('row').filter({ hasText: '状态' })).toContainText(
    '系统管理员',
  );
  await admin.goto('/admin/users');
  await expect(admin.getByTestId('user-row').filter({ hasText: 'owner2' })).toContainText('停用');

  // Her open session ends at its next request, and she cannot sign in again.
  await owner2.goto(evaluationPath);
  await expect(owner2).toHaveURL(/\/login/);
  await signInRefused(browser, server.url, 'owner2', 'demo1234');
  await expect(apiAs(server.url, 'owner2')).rejects.toThrow();

  // Her earlier change still shows her name in the evaluation's history, read by the head.
  const head = await pageAs('head');
  await head.goto(evaluationPath);
  await expect(head.getByRole('heading', { name: project })).toBeVisible();
  await head.getByText(/^修改记录（/).click();
  const entry = head.getByTestId('audit-table').getByRole('row').filter({ hasText: '年度总体目标实际完成情况' });
  await expect(entry).toContainText('李娜');
  await expect(entry).toContainText('李娜填写：全年目标基本完成。');

  // The admin hands her project to 张伟; the change is recorded in the same history.
  await admin.goto('/admin/users/assign');
  const assignRow = admin.getByTestId('assign-row').filter({ hasText: project });
  await expect(assignRow.getByTestId('current-owner')).toHaveText('李娜（已停用）');
  await assignRow.getByLabel(`${project} 项目负责人`).selectOption({ label: '张伟（owner1）' });
  await assignRow.getByRole('button', { name: `保存 ${project} 的项目负责人` }).click();
  await expect(assignRow.getByRole('status')).toHaveText(`已将“${project}”交由 张伟 负责`);
  await expect(assignRow.getByTestId('current-owner')).toHaveText('张伟');
  await head.reload();
  await head.getByText(/^修改记录（/).click();
  const ownerEntry = head.getByTestId('audit-table').getByRole('row').filter({ hasText: '项目负责人' });
  await expect(ownerEntry).toContainText('系统管理员');
  await expect(ownerEntry).toContainText('李娜');
  await expect(ownerEntry).toContainText('张伟');
});

test('the admin creates a user through the form, which explains every refusal and keeps what was typed', async ({
  browser,
  server,
  pageAs,
}) => {
  const admin = await pageAs('admin');
  await admin.goto('/admin/users');
  await admin.getByRole('link', { name: '新建用户' }).click();

  await submitNewUser(admin, { username: 'ab', password: 'short' });
  await expect(admin.locator('#username-error')).toHaveText('用户名至少需要 3 个字符');
  await expect(admin.locator('#displayName-error')).toHaveText('请输入姓名');
  await expect(admin.locator('#temporaryPassword-error')).toHaveText('临时密码至少需要 8 个字符');
  await expect(admin.locator('#departmentId-error')).toHaveText('项目负责人和部门负责人必须选择所属部门');

  // A finance account has no department: choosing the role empties and locks the field.
  await admin.getByLabel('部门').selectOption({ label: '广州市白云区应急管理局' });
  await admin.getByLabel('角色').selectOption({ label: '财政局' });
  await expect(admin.getByLabel('部门')).toBeDisabled();
  await admin.getByLabel('角色').selectOption({ label: '项目负责人' });
  await admin.getByLabel('部门').selectOption({ label: '广州市白云区应急管理局' });

  // The server refuses a name taken in another letter case; everything typed stays.
  await submitNewUser(admin, { username: 'OWNER1', name: '赵磊', password: 'Temp-2024-zl' });
  await expect(admin.locator('#username-error')).toHaveText('用户名“owner1”已被使用，请换一个');
  await expect(admin.getByLabel('姓名')).toHaveValue('赵磊');
  await expect(admin.getByLabel('临时密码')).toHaveValue('Temp-2024-zl');

  await submitNewUser(admin, { username: 'zhaolei' });
  await expect(admin.getByRole('status')).toHaveText('已创建用户 zhaolei（赵磊），首次登录时须修改临时密码');
  await expect(admin.getByLabel('用户名')).toHaveValue('');

  await admin.goto('/admin/users');
  const row = admin.getByTestId('user-row').filter({ hasText: 'zhaolei' });
  await expect(row.getByRole('cell')).toHaveText([
    'zhaolei',
    '赵磊',
    '项目负责人',
    '广州市白云区应急管理局',
    '启用',
    '是',
    '编辑',
  ]);

  // The new owner must replace the temporary password before anything else.
  const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
  const newcomer = await context.newPage();
  await signIn(newcomer, 'zhaolei', 'Temp-2024-zl');
  await expect(newcomer).toHaveURL(/\/account\/password$/);
  await context.close();
});

test('departments: created, refused on a duplicate name, renamed, and kept while people work in them', async ({
  pageAs,
}) => {
  const admin = await pageAs('admin');
  await admin.goto('/admin/departments');
  const emergency = admin.getByTestId('department-row').filter({ hasText: '广州市白云区应急管理局' });
  await expect(emergency.getByRole('cell').nth(3)).toHaveText('17');

  await admin.getByLabel('部门名称').fill('白云区民政局');
  await admin.getByRole('button', { name: '新建部门' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '已新建部门“白云区民政局”' })).toBeVisible();
  const created = admin.getByTestId('department-row').filter({ hasText: '白云区民政局' });
  await expect(created.getByRole('cell').nth(2)).toHaveText('0/0');

  await admin.getByLabel('部门名称').fill('广州市白云区应急管理局');
  await admin.getByRole('button', { name: '新建部门' }).click();
  await expect(admin.locator('#name-error')).toHaveText('已有名为“广州市白云区应急管理局”的部门');
  await expect(admin.getByLabel('部门名称')).toHaveValue('广州市白云区应急管理局');

  await created.getByLabel('白云区民政局 新名称').fill('白云区民政事务局');
  await created.getByRole('button', { name: '改名' }).click();
  const renamed = admin.getByTestId('department-row').filter({ hasText: '已将“白云区民政局”改名为“白云区民政事务局”' });
  await expect(renamed).toBeVisible();
  // The page's data reloads at the department's new version; the message stays under the new name.
  await expect(renamed.getByRole('cell').first()).toHaveText('白云区民政事务局');
  await expect(renamed.getByLabel('白云区民政事务局 新名称')).toHaveValue('白云区民政事务局');

  await emergency.getByRole('button', { name: '停用 广州市白云区应急管理局' }).click();
  await expect(emergency.getByRole('alert')).toContainText(/还有 \d+ 名启用中的用户（.*张伟/);
  await expect(emergency.getByRole('cell').nth(1)).toHaveText('启用');
});

test('administration is refused to every other role, through the pages and by forged action calls', async ({
  server,
  pageAs,
}) => {
  const owner = await pageAs('owner1');
  for (const path of ['/admin/users', '/admin/users/new', '/admin/departments', '/admin/users/assign']) {
    await owner.goto(path);
    await expect(owner.getByRole('heading', { name: '无权访问' })).toBeVisible();
  }
  const user = {
    username: 'forged',
    displayName: '伪造',
    role: 'admin',
    departmentId: '',
    temporaryPassword: 'Temp-1234',
  };
  for (const [caller, code] of [
    ['owner1', 'forbidden'],
    ['head', 'forbidden'],
    ['finance', 'forbidden'],
    [null, 'unauthenticated'],
  ] as const) {
    const ctx = await apiAs(server.url, caller);
    expect(await callAction(ctx, '/admin/users', 'createUserAction', user), `createUser by ${caller}`).toMatchObject({
      ok: false,
      code,
    });
    expect(await callAction(ctx, '/admin/departments', 'createDepartmentAction', { name: '伪造部门' })).toMatchObject({
      ok: false,
      code,
    });
  }
  const admin = await pageAs('admin');
  await admin.goto('/admin/users');
  await expect(admin.getByTestId('user-row').filter({ hasText: 'forged' })).toHaveCount(0);
  await admin.goto('/admin/departments');
  await expect(admin.getByTestId('department-row').filter({ hasText: '伪造部门' })).toHaveCount(0);
});
