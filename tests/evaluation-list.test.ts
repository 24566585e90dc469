import { beforeAll, describe, expect, it } from 'vitest';
import { evaluationListSpec, evaluationTotals, listEvaluationPage, scopeCondition } from '@/db/queries/evaluation-list';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { submitOperation } from '@/lib/evaluations/transitions';
import { API_PAGE_SIZES, readListQuery } from '@/lib/lists/list-params';
import { completeDraft, testWorld, WORKED_EXAMPLE } from './world';

const world = testWorld();
const spec = evaluationListSpec();
const query = (params: Record<string, string>) => readListQuery(spec, new URLSearchParams(params)).query;

beforeAll(async () => {
  const { owner1 } = world.actors;
  for (const name of ['队伍装备基础设施建设专项经费', WORKED_EXAMPLE]) {
    const id = await world.evaluationOf(name);
    const draft = await completeDraft(world, id);
    if (name === WORKED_EXAMPLE) draft.indicators[0].value = '20';
    draft.indicators[0].explanation = '受汛期影响';
    expect(await world.run(saveDraftOperation, owner1, draft)).toMatchObject({ ok: true });
    expect(await world.run(submitOperation, owner1, { evaluationId: id, version: 2 })).toMatchObject({ ok: true });
  }
});

const page = (params: Record<string, string>, user = world.actors.finance) =>
  listEvaluationPage(world.db, { scope: { user, year: 2024 }, query: query(params) });

describe('the evaluation list (db/queries/evaluation-list.ts)', () => {
  it('pages in table order by default, with the total of the whole list', async () => {
    const first = await page({ pageSize: '20' });
    expect(first).toMatchObject({ total: 17, page: 1, pageSize: 20 });
    expect(first.items.map((r) => r.position)).toEqual([...Array(17).keys()]);
    const second = await page({ pageSize: '20', page: '2' });
    expect(second).toMatchObject({ total: 17, items: [] });
    expect((await page({}, world.actors.owner1)).items.map((r) => r.position)).toEqual([...Array(9).keys()]);
    expect((await page({}, world.actors.otherhead)).total).toBe(0);
  });

  it('sorts by score with empty scores last either way, and by budget, name and status', async () => {
    const desc = (await page({ sort: '-selfScore' })).items;
    expect(desc.slice(0, 2).map((r) => r.selfScore)).toEqual(['100', '95']);
    expect(desc.slice(2).every((r) => r.selfScore === null)).toBe(true);
    const asc = (await page({ sort: 'selfScore' })).items;
    expect(asc.slice(0, 2).map((r) => r.project)).toEqual([desc[1].project, desc[0].project]);
    const budgets = (await page({ sort: '-budget' })).items.map((r) => r.budgetTotalFen);
    expect(budgets).toEqual([...budgets].sort((a, b) => b - a));
    const names = (await page({ sort: 'project' })).items.map((r) => r.project);
    expect(names).toEqual([...names].sort());
    expect((await page({ sort: '-status' })).items.slice(0, 2).map((r) => r.status)).toEqual([
      'submitted',
      'submitted',
    ]);
  });

  it('pages never overlap: every row once across the pages of any sort', async () => {
    for (const sort of Object.keys(spec.sorts)) {
      const seen: number[] = [];
      for (let p = 1; p <= 4; p++)
        seen.push(...(await page({ sort: `-${sort}`, pageSize: '20', page: String(p) })).items.map((r) => r.id));
      const small: number[] = [];
      for (let p = 1; p <= 4; p++)
        small.push(
          ...(
            await listEvaluationPage(world.db, {
              scope: { user: world.actors.finance, year: 2024 },
              query: { ...query({ sort: sort }), pageSize: 5, page: p },
            })
          ).items.map((r) => r.id),
        );
      expect(new Set(seen).size, sort).toBe(17);
      expect(new Set(small).size, sort).toBe(17);
    }
  });

  it('searches project, department and owner names, every word, with % and _ taken literally', async () => {
    expect((await page({ q: '专项经费' })).total).toBe(
      (await page({})).items.filter((r) => r.project.includes('专项经费')).length,
    );
    expect((await page({ q: '张伟' })).total).toBe(9);
    expect((await page({ q: '应急管理局 张伟' })).total).toBe(9);
    expect((await page({ q: '李娜 张伟' })).total).toBe(0);
    expect((await page({ q: '%' })).total).toBe(0);
    expect((await page({ q: '_' })).total).toBe(0);
  });

  it('filters by status, grade, department and flag', async () => {
    expect((await page({ status: 'submitted' })).items.map((r) => r.project).sort()).toEqual(
      ['队伍装备基础设施建设专项经费', WORKED_EXAMPLE].sort(),
    );
    expect((await page({ grade: '优' })).total).toBe(2);
    expect((await page({ grade: '良' })).total).toBe(0);
    expect((await page({ department: '999' })).total).toBe(0);
    const flagged = await page({ flag: 'deduction' });
    expect(flagged.total).toBe(0);
    expect((await page({ flag: 'draft_near_deadline' })).total).toBe(0);
  });

  it('adds up the list: projects, budget and indicators of everything that passes', async () => {
    const where = scopeCondition({ user: world.actors.head, year: 2024 });
    expect(await evaluationTotals(world.db, { where })).toEqual({
      projects: 17,
      budgetFen: 1_408_400_000,
      indicators: 113,
    });
  });
});

describe('reading a list query from the URL', () => {
  it('refuses what it cannot read with one message, keeping defaults in its place', () => {
    const read = readListQuery(
      spec,
      new URLSearchParams({ page: '0', pageSize: '501', sort: 'nope', status: 'x', department: 'a' }),
      { sizes: API_PAGE_SIZES },
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.message).toContain('page 应为正整数');
    expect(read.message).toContain('pageSize 应为 1 到 500 的整数');
    expect(read.message).toContain('sort 只能是');
    expect(read.message).toContain('status 只能是 draft、returned、submitted、dept_approved、finalized');
    expect(read.query).toMatchObject({ page: 1, pageSize: 100, sort: 'position', filters: {} });
    expect(readListQuery(spec, new URLSearchParams({ pageSize: '30' })).ok).toBe(false);
    expect(readListQuery(spec, new URLSearchParams({ pageSize: '500' }), { sizes: API_PAGE_SIZES })).toMatchObject({
      ok: true,
      query: { pageSize: 500 },
    });
  });
});
