import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { tsxArgs } from '../scripts/tsx';
import { DEMO_PASSWORD, expect, newPage, submitLogin, test } from './support/fixtures';
import { apiAs } from './support/http';
import { startTestServer } from './support/server';

/** `npm run admin:create -- …` against a data folder, the password on standard input. */
function adminCreate(dataDir: string, args: string[], password: string) {
  return spawnSync(process.execPath, tsxArgs('scripts/admin-create.ts', args), {
    cwd: path.resolve(__dirname, '..'),
    env: { ...process.env, DATA_DIR: dataDir },
    input: `${password}\n`,
    encoding: 'utf8',
  });
}

test('demo mode: the 演示数据 banner on every page, the sign-in page included', async ({ browser, server }) => {
  const page = await newPage(browser, server.url);
  await page.goto('/login');
  await expect(page.getByTestId('demo-banner')).toContainText('演示数据');
  await submitLogin(page, 'owner1');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  await page.goto('/account');
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  await page.context().close();
});

test('production mode (SEED_DEMO=0): no accounts, no banner, admin:create makes the first administrator', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const server = await startTestServer({ SEED_DEMO: '0' });
  try {
    expect(server.output()).toContain('npm run admin:create -- --username');
    for (const username of ['admin', 'finance', 'owner1'])
      await expect(apiAs(server.url, username, DEMO_PASSWORD), username).rejects.toThrow(/sign-in/);

    const weak = adminCreate(server.dataDir, ['--username', 'chief', '--password-stdin'], 'short');
    expect(weak.status).not.toBe(0);
    expect(weak.stderr).toContain('至少需要 8 个字符');
    const made = adminCreate(
      server.dataDir,
      ['--username', 'chief', '--display-name', '王主任', '--password-stdin'],
      'Chief-pass-2026',
    );
    expect(made.status, made.stderr).toBe(0);

    const page = await newPage(browser, server.url);
    await page.goto('/login');
    await submitLogin(page, 'chief', 'Chief-pass-2026');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await expect(page.getByRole('link', { name: /王主任/ })).toBeVisible();
    await expect(page.getByTestId('demo-banner')).toHaveCount(0);
    await page.goto('/login');
    await expect(page.getByTestId('demo-banner')).toHaveCount(0);
    await page.context().close();
  } finally {
    await server.stop();
  }
});

test('/api/health: a minimal answer for anyone, the free disk for a signed-in administrator only', async ({
  server,
}) => {
  const minimal = { ok: true, database: 'ok', disk: 'ok' };
  const anonymous = await fetch(`${server.url}/api/health`);
  expect(anonymous.status).toBe(200);
  expect(await anonymous.json()).toEqual(minimal);
  for (const username of ['finance', 'owner1']) {
    const res = await (await apiAs(server.url, username)).get('/api/health');
    expect(await res.json(), username).toEqual(minimal);
  }
  const admin = await (await apiAs(server.url, 'admin')).get('/api/health');
  expect(admin.status()).toBe(200);
  const detailed = await admin.json();
  expect(detailed).toMatchObject(minimal);
  expect(Object.keys(detailed).sort()).toEqual(['database', 'disk', 'freeDiskBytes', 'ok']);
  expect(detailed.freeDiskBytes).toBeGreaterThan(512 * 1024 * 1024);
});
