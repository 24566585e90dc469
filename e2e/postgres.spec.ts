import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type APIRequestContext } from '@playwright/test';
import pg from 'pg';
import { closeDatabase, databaseFile, migrateDatabase, openDatabase } from '../db';
import { seedDemo } from '../lib/seed';
import { buildSyntheticYear } from '../scripts/synthetic-year';
import { tsxArgs } from '../scripts/tsx';
import { startCluster, type Cluster } from '../tests/pg-cluster';
import { SEED_SUMMARY } from '../tests/seed-facts';
import { expect, openEvaluation, pageFor } from './support/fixtures';
import { apiAs, callAction } from './support/http';
import { startTestServer, type TestServer } from './support/server';

/**
 * The app on PostgreSQL (DATABASE_URL), on a throwaway cluster of this spec's own: `npm start`
 * migrates, seeds and serves it, and two instances on one database behave as one app.
 * Run by `npm run test:pg` (E2E_POSTGRES=1), after the build of `npm test`.
 */
const test = base.extend<object, { cluster: Cluster }>({
  cluster: [
    async ({}, use) => {
      const cluster = await startCluster();
      await use(cluster);
      cluster.stop();
    },
    { scope: 'worker' },
  ],
});
test.describe.configure({ mode: 'serial' });

let databases = 0;
async function freshDatabase(cluster: Cluster): Promise<string> {
  const name = `app_${++databases}`;
  await cluster.admin(`CREATE DATABASE ${name}`);
  return cluster.url(name);
}

/** Every file under a folder, by its path relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

test('npm start on PostgreSQL migrates, seeds the demo and serves it, and writes no SQLite file', async ({
  browser,
  cluster,
}) => {
  test.setTimeout(120_000);
  const server = await startTestServer({ DATABASE_URL: await freshDatabase(cluster) });
  try {
    expect(server.output()).toContain(`${SEED_SUMMARY.projects} 个项目、${SEED_SUMMARY.indicators} 个指标`);
    const head = await pageFor(browser, server.url, 'head');
    await head.goto('/projects');
    await expect(head.getByTestId('project-row')).toHaveCount(SEED_SUMMARY.projects);
    await expect(head.getByTestId('budget-total')).toHaveText('1,408.40');
    await head.context().close();

    const api = await apiAs(server.url, 'head');
    const listed: Array<{ id: number }> = (await (await api.get('/api/years/2024/evaluations')).json()).items;
    expect(listed).toHaveLength(SEED_SUMMARY.projects);
    let indicators = 0;
    for (const { id } of listed)
      indicators += (await (await api.get(`/api/evaluations/${id}`)).json()).indicators.length;
    expect(indicators).toBe(SEED_SUMMARY.indicators);

    expect(filesUnder(server.dataDir).filter((file) => /sqlite|\.db(-wal|-shm)?$/.test(file))).toEqual([]);
  } finally {
    await server.stop();
  }
});

/** Whether a client's session still opens a page (a dead one is sent to the sign-in page). */
async function signedIn(ctx: APIRequestContext): Promise<boolean> {
  return (await ctx.get('/account', { maxRedirects: 0 })).status() === 200;
}

async function userId(url: string, username: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select id from users where username = $1', [username])).rows[0].id;
  } finally {
    await client.end();
  }
}

const PROJECT = '应急专项经费';
const ROW = '保障应急值守、指挥调度、各类会议的次数';

test('two instances on one database: a save through A shows through B, a stale save through B conflicts, a password reset through A ends the session on B', async ({
  browser,
  cluster,
}) => {
  test.setTimeout(180_000);
  const url = await freshDatabase(cluster);
  // Started together: they migrate and seed in turn (a lock in the database), not twice.
  const [a, b] = await Promise.all([startTestServer({ DATABASE_URL: url }), startTestServer({ DATABASE_URL: url })]);
  const servers: TestServer[] = [a, b];
  try {
    expect(servers.filter((s) => s.output().includes('演示模式'))).toHaveLength(1);

    const throughA = await pageFor(browser, a.url, 'owner1');
    const throughB = await pageFor(browser, b.url, 'owner1');
    for (const page of [throughA, throughB]) {
      await openEvaluation(page, PROJECT);
      await expect(page.getByLabel(`${ROW} 实际完成值`)).toBeVisible();
    }
    await throughA.getByLabel(`${ROW} 实际完成值`).fill('320');
    await throughA.getByRole('button', { name: '保存草稿' }).click();
    await expect(throughA.getByRole('status').filter({ hasText: '已保存草稿' })).toBeVisible();

    const freshOnB = await pageFor(browser, b.url, 'owner1');
    await freshOnB.goto(new URL(throughA.url()).pathname);
    await expect(freshOnB.getByLabel(`${ROW} 实际完成值`)).toHaveValue('320');

    await throughB.getByLabel(`${ROW} 实际完成值`).fill('280');
    await throughB.getByRole('button', { name: '保存草稿' }).click();
    await expect(throughB.getByRole('alert').filter({ hasText: '已被他人修改' })).toBeVisible();
    await expect(throughB.getByLabel(`${ROW} 实际完成值`)).toHaveValue('280');
    for (const page of [throughA, throughB, freshOnB]) await page.context().close();

    const owner2OnB = await apiAs(b.url, 'owner2');
    expect(await signedIn(owner2OnB)).toBe(true);
    const adminOnA = await apiAs(a.url, 'admin');
    const owner2 = await userId(url, 'owner2');
    const reset = await callAction(adminOnA, `/admin/users/${owner2}`, 'resetUserPasswordAction', {
      userId: owner2,
      temporaryPassword: 'Temp-2026-pg',
    });
    expect(reset).toMatchObject({ ok: true });
    expect(await signedIn(owner2OnB)).toBe(false);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
});

/** Every evaluation of a year a caller sees, as the list API pages it, and each one's detail. */
async function everything(api: APIRequestContext, year: number) {
  const pages: unknown[] = [];
  const details: unknown[] = [];
  for (let page = 1; ; page++) {
    const body = await (await api.get(`/api/years/${year}/evaluations?page=${page}&pageSize=20`)).json();
    pages.push(body);
    for (const { id } of body.items as Array<{ id: number }>) {
      details.push(await (await api.get(`/api/evaluations/${id}`)).json());
    }
    if (page * 20 >= body.total) return { pages, details };
  }
}

test('db:copy from a SQLite database to PostgreSQL: the list and detail API answer the same for every evaluation', async ({
  cluster,
}) => {
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-e2e-copy-'));
  const file = databaseFile(dataDir);
  const db = openDatabase(file);
  try {
    await migrateDatabase(db);
    await seedDemo(db);
    // Evaluations in every state (drafts, submitted, approved, reviewed, finalised and frozen), through the operations.
    await buildSyntheticYear(db, { year: 2031, projectCount: 40, password: 'demo1234' });
  } finally {
    await closeDatabase(db);
  }
  const url = await freshDatabase(cluster);
  const copy = spawnSync(process.execPath, tsxArgs('scripts/db-copy.ts', ['--from', file, '--to', url]), {
    encoding: 'utf8',
  });
  expect(copy.status, copy.stderr).toBe(0);
  expect(copy.stdout).toContain('行数和校验和一致');

  const [onSqlite, onPostgres] = await Promise.all([
    startTestServer({}, { dataDir }),
    startTestServer({ DATABASE_URL: url }),
  ]);
  try {
    const views: Array<[string, number]> = [
      ['finance', 2024],
      ['finance', 2031],
      ['owner1', 2024],
    ];
    for (const [username, year] of views) {
      const before = await everything(await apiAs(onSqlite.url, username), year);
      const after = await everything(await apiAs(onPostgres.url, username), year);
      expect(before.details.length, `${username} ${year}`).toBeGreaterThan(0);
      expect(after, `${username} ${year}`).toEqual(before);
    }
  } finally {
    await Promise.all([onSqlite.stop(), onPostgres.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
