import { submitNewUser } from './support/admin';
import { expect, signIn, test } from './support/fixtures';
import { previewPastedTargets, SEED_TARGETS } from './support/targets';
import type { Page } from '@playwright/test';

const DEPARTMENT = '白云区应急管理局（试点科室）';
const PROJECT = '三防专项经费';

async function createUser(admin: Page, user: { username: string; name: string; role: string; password: string }) {
  await admin.goto('/admin/users/new');
  await submitNewUser(admin, { ...user, department: DEPARTMENT });
  await expect(admin.getByRole('status')).toContainText(`已创建用户 ${user.username}`);
}

test('the administrator sets up a department, its people and its targets; the new owner starts on exactly their project', async ({
  browser,
  freshServer,
  freshPageAs,
}) => {
  test.setTimeout(120_000);
  const admin = await freshPageAs('admin', '/admin/departments');
  await admin.getByLabel('部门名称').fill(DEPARTMENT);
  await admin.getByRole('button', { name: '新建部门' }).click();
  await expect(admin.getByRole('status')).toContainText(DEPARTMENT);

  await createUser(admin, { username: 'zhanghead', name: '张科长', role: '部门负责人', password: 'Head-2025-temp' });
  await createUser(admin, { username: 'wangowner', name: '王芳', role: '项目负责人', password: 'Owner-2025-temp' });

  // The seed table pasted, into a new year, for the new department: previewed, then confirmed.
  await admin.goto('/admin/targets');
  const preview = await previewPastedTargets(admin, { year: 2025, text: SEED_TARGETS, department: DEPARTMENT });
  await expect(preview).toContainText(`预览：${DEPARTMENT} 2025 年度`);
  await expect(admin.getByTestId('preview-projects')).toHaveText('17');
  await expect(admin.getByTestId('preview-indicators')).toHaveText('113');
  await expect(admin.getByTestId('preview-budget')).toHaveText('1408.40');
  await expect(admin.getByTestId('preview-warnings')).toContainText('不属于一级指标');
  await admin.getByRole('button', { name: '确认导入' }).click();
  await expect(admin.getByRole('status')).toContainText('已导入 2025 年度：新增 17 个项目');

  await admin.goto('/admin/users/assign?year=2025');
  const row = admin.getByTestId('assign-row').filter({ hasText: PROJECT });
  await row.getByLabel(`${PROJECT} 项目负责人`).selectOption({ label: '王芳（wangowner）' });
  await row.getByRole('button', { name: `保存 ${PROJECT} 的项目负责人` }).click();
  await expect(row.getByRole('status')).toContainText('王芳');

  // The new owner signs in, must change the temporary password, then sees exactly that project.
  const owner = await (await browser.newContext({ baseURL: freshServer.url, locale: 'zh-CN' })).newPage();
  await signIn(owner, 'wangowner', 'Owner-2025-temp');
  await expect(owner).toHaveURL(/\/account\/password$/);
  await owner.goto('/projects');
  await expect(owner).toHaveURL(/\/account\/password$/);
  await owner.getByLabel('临时密码（当前密码）', { exact: true }).fill('Owner-2025-temp');
  await owner.getByLabel('新密码', { exact: true }).fill('Wang-own-pass-2025');
  await owner.getByLabel('再次输入新密码', { exact: true }).fill('Wang-own-pass-2025');
  await owner.getByRole('button', { name: '修改密码' }).click();
  await owner.waitForURL(/\/projects$/);
  await expect(owner.getByRole('heading', { name: '2025 年度项目' })).toBeVisible();
  await expect(owner.getByTestId('project-row')).toHaveCount(1);
  await expect(owner.getByTestId('project-row')).toContainText(PROJECT);
  await expect(owner.getByTestId('budget-total')).toHaveText('15.50');

  // The new head sees the department's 17 projects of 2025; the original department is untouched.
  const head = await (await browser.newContext({ baseURL: freshServer.url, locale: 'zh-CN' })).newPage();
  await signIn(head, 'zhanghead', 'Head-2025-temp');
  await expect(head).toHaveURL(/\/account\/password$/);
  const original = await freshPageAs('head');
  await original.goto('/projects?year=2025');
  await expect(original.getByTestId('project-row')).toHaveCount(0);
  await original.goto('/projects?year=2024');
  await expect(original.getByTestId('project-row')).toHaveCount(17);
});
