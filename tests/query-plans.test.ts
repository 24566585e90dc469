import path from 'node:path';
import Database from 'better-sqlite3';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, transaction, type Db } from '@/db';
import { AUDIT_LIST_SPEC, listEvaluationAudit } from '@/db/queries/audit';
import { evaluationListSpec, evaluationTotals, listEvaluationPage } from '@/db/queries/evaluation-list';
import { yearBundleBatches } from '@/db/queries/evaluations';
import { projectScopeCondition } from '@/db/queries/projects';
import { listUserPage, USER_LIST_SPEC } from '@/db/queries/users';
import { indicatorResults, projects } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/scope';
import { refreshFlags } from '@/lib/flags/stored';
import { readListQuery } from '@/lib/lists/list-params';
import { loadOverview } from '@/lib/overview/overview';
import { bringTo, createWorld, WORKED_EXAMPLE } from './world';

/**
 * The hot queries of the lists, the overview and the exports, run for real against a seeded file
 * through a handle that records every statement; each statement's EXPLAIN QUERY PLAN must reach
 * evaluations, indicators and their results through an index, never by scanning the table.
 */
const BIG_TABLES = ['evaluations', 'indicators', 'indicator_results', 'evaluation_flags'];

let world: Awaited<ReturnType<typeof createWorld>>;
let logged: Db;
const statements: Array<{ sql: string; params: unknown[] }> = [];
let raw: Database.Database;

beforeAll(async () => {
  world = await createWorld();
  const file = path.join(world.dir, 'jixiao.sqlite');
  logged = openDatabase(file, { logger: { logQuery: (sql, params) => statements.push({ sql, params }) } });
  raw = new Database(file, { readonly: true });
});
afterAll(() => {
  raw.close();
  closeDatabase(logged);
  world.cleanup();
});

function fullScans(sql: string, params: unknown[]): string[] {
  const plan = raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as unknown[])) as Array<{ detail: string }>;
  return plan
    .map((row) => row.detail)
    .filter((detail) => BIG_TABLES.some((table) => new RegExp(`^SCAN ${table}\\b`).test(detail)));
}

/** Runs `work` on the recording handle and returns the full scans of every SELECT it ran. */
async function scansOf(work: (db: Db) => Promise<unknown>) {
  statements.length = 0;
  await work(logged);
  expect(statements.length).toBeGreaterThan(0);
  return statements
    .filter((s) => /^\s*(select|with)/i.test(s.sql))
    .flatMap((s) => fullScans(s.sql, s.params).map((scan) => `${scan} in: ${s.sql.slice(0, 160)}`));
}

const listQuery = (params: Record<string, string>) =>
  readListQuery(evaluationListSpec(), new URLSearchParams(params)).query;

describe('query plans of the hot queries (EXPLAIN QUERY PLAN)', () => {
  const users = (): SessionUser[] => [world.actors.finance, world.actors.head, world.actors.owner1];
  const views: Array<Record<string, string>> = [
    {},
    { sort: '-selfScore' },
    { sort: 'budget', page: '2', pageSize: '20' },
    { sort: '-score', status: 'submitted' },
    { q: '安全', grade: '优' },
    { department: '1', flag: 'deduction', sort: 'owner' },
  ];

  it('finds a full scan where there is one (the check itself)', () => {
    expect(fullScans('select id from evaluations where version = ?', [1])).toEqual(['SCAN evaluations']);
    expect(fullScans('select id from evaluations where project_id = ?', [1])).toEqual([]);
  });

  it('the evaluation lists and their totals, for every kind of viewer and view', async () => {
    for (const user of users())
      for (const view of views)
        expect(
          await scansOf(async (db) => {
            const query = listQuery(view);
            await listEvaluationPage(db, { scope: { user, year: 2024 }, query, nearDeadline: true });
            await evaluationTotals(db, { where: and(eq(projects.year, 2024), projectScopeCondition(user)) });
          }),
        ).toEqual([]);
  });

  it('the overview: figures, 各部门, 值得关注 and their counts', async () => {
    for (const params of <Array<Record<string, string>>>[
      {},
      { tab: 'departments', dept_sort: '-average' },
      { tab: 'flags', status: 'draft', flag_sort: 'kind' },
      { tab: 'flags', flag: 'deduction' },
      { flag: 'deduction' },
    ])
      expect(
        await scansOf((db) =>
          loadOverview(db, {
            user: world.actors.finance,
            year: 2024,
            deadline: '2025-01-31',
            params: new URLSearchParams(params),
            today: new Date('2025-01-20T00:00:00+08:00'),
          }),
        ),
      ).toEqual([]);
  });

  it('the exports’ batches, 修改记录 and the admin’s user list', async () => {
    expect(
      await scansOf(async (db) => {
        const where = and(eq(projects.year, 2024), projectScopeCondition(world.actors.finance));
        for await (const batch of yearBundleBatches(db, { where, batchSize: 5 }))
          expect(batch.length).toBeGreaterThan(0);
      }),
    ).toEqual([]);
    const evaluationId = await world.evaluationOf('安全生产基础工作专项经费');
    expect(
      await scansOf(async (db) => {
        await listEvaluationAudit(db, { evaluationId, query: readListQuery(AUDIT_LIST_SPEC, {}).query });
        await listUserPage(db, { query: readListQuery(USER_LIST_SPEC, { q: 'owner' }).query });
      }),
    ).toEqual([]);
  });

  it('a commit’s 值得关注 refresh: its texts looked up in the whole year through the index', async () => {
    const evaluationId = await world.evaluationOf(WORKED_EXAMPLE);
    await bringTo(world, evaluationId, 'filled draft');
    await transaction(world.db, (tx) =>
      tx
        .update(indicatorResults)
        .set({ explanation: ' 因汛期天气原因，现场检查推迟至次年一季度完成 ' })
        .where(eq(indicatorResults.evaluationId, evaluationId)),
    );
    expect(await scansOf((db) => transaction(db, (tx) => refreshFlags(tx, { evaluationId })))).toEqual([]);
  });
});
