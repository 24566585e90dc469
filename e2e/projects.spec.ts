import { expect, signIn, test } from './support/fixtures';

test.describe('project list and scope', () => {
  test('owner1 lands on 待办 (drafts to fill in) and sees only their own projects', async ({ page }) => {
    await signIn(page, 'owner1');
    await expect(page).toHaveURL(/\/tasks$/);
    // The worker's server is shared: other specs may have moved some of owner1's nine drafts on.
    await expect(page.getByTestId('task-row').first()).toContainText(/填写并提交自评|修改并重新提交/);
    await page.getByRole('link', { name: '项目', exact: true }).click();
    await expect(page.getByRole('heading', { name: '2024 年度项目' })).toBeVisible();
    await expect(page.getByText('我负责的项目')).toBeVisible();
    const rows = page.getByTestId('project-row');
    await expect(rows).toHaveCount(9);
    await expect(page.getByRole('link', { name: '安全生产基础工作专项经费' })).toBeVisible();
    // owner2's projects are not listed
    await expect(page.getByRole('link', { name: '政府雇员工资经费' })).toHaveCount(0);
  });

  test('head sees all 17 projects of the department with the total 1,408.40 万元', async ({ page }) => {
    // With nothing submitted an empty 待办 lands the head on 项目 (the worker's server is shared: go there).
    await signIn(page, 'head');
    await expect(page).toHaveURL(/\/(projects|tasks)$/);
    await page.goto('/projects');
    await expect(page.getByTestId('project-row')).toHaveCount(17);
    await expect(page.getByTestId('budget-total')).toHaveText('1,408.40');
    await expect(page.getByRole('link', { name: '政府雇员工资经费' })).toBeVisible();
  });

  test('the project page shows the 绩效目标 and the indicators grouped by level', async ({ page }) => {
    await signIn(page, 'owner1');
    await page.goto('/projects');
    await page.getByRole('link', { name: '安全生产基础工作专项经费' }).click();
    await expect(page.getByRole('heading', { name: '安全生产基础工作专项经费' })).toBeVisible();
    await expect(page.getByText('委托第三方公司拖运“黑加油车”不少于4')).toBeVisible();
    const table = page.getByTestId('indicator-table');
    await expect(table.getByRole('row')).toHaveCount(7);
    await expect(table.getByRole('rowheader', { name: '产出指标' })).toHaveAttribute('rowspan', '5');
    await expect(table.getByRole('row', { name: /≥4次，≥2个/ })).toContainText('复合定量');
  });

  test('an owner opening another owner’s project URL is refused', async ({ page }) => {
    // The head lands on 待办 when anything waits there (the worker's server is shared): go to 项目.
    await signIn(page, 'head');
    await page.goto('/projects');
    await page.getByRole('link', { name: '政府雇员工资经费' }).click();
    await page.waitForURL(/\/projects\/\d+$/);
    const foreignUrl = page.url();
    await page.context().clearCookies();

    await signIn(page, 'owner1');
    const response = await page.goto(foreignUrl);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible();
    await expect(page.getByText('政府雇员工资经费')).toHaveCount(0);
  });

  test('a visitor without a session is sent to the login page, and pages refuse to be framed', async ({ page }) => {
    const login = await page.goto('/login');
    expect(login?.headers()['x-frame-options']).toBe('DENY');
    expect(login?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.goto('/projects');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  });

  test('after sign-in only a path on this site is followed', async ({ page }) => {
    await page.goto('/login?callbackUrl=%2F%5Cexample.com');
    await page.getByLabel('用户名').fill('owner2');
    await page.getByLabel('密码').fill('demo1234');
    await page.getByRole('button', { name: '登录' }).click();
    // The unsafe path is dropped: `/`, which lands owner2 on 待办.
    await page.waitForURL(/\/tasks$/);
    expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tasks$/);
  });

  test('a wrong password gets a clear message', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('用户名').fill('owner1');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '用户名' })).toHaveText('用户名或密码错误，或账号已停用');
  });
});
