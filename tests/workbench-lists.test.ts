import { beforeAll, describe, expect, it } from 'vitest';
import { progressCounts } from '@/db/queries/evaluation-list';
import { returnOperation } from '@/lib/evaluations/transitions';
import { queueKeys } from '@/lib/lists/evaluation-lists';
import { mostOutstanding, progressBy, progressGrouping, progressOfCounts } from '@/lib/workflow/progress';
import { queueNeighbours } from '@/lib/workflow/queues';
import { queueStatuses } from '@/lib/workflow/state-machine';
import { bringTo, testWorld, type World } from './world';

const world = testWorld();

/** A role's to-do list, keys in order, as the evaluation page's 上一条 / 下一条 read it. */
const queueOf = async (user: World['actors'][keyof World['actors']], query = '', keep?: number) =>
  (
    await queueKeys(world.db, {
      scope: { user, year: 2024, statuses: queueStatuses(user.role) },
      params: new URLSearchParams(query),
      keep,
    })
  ).map((r) => r.id);

let ownersOwn: number[];
let returned: number;
let approved: number[];

beforeAll(async () => {
  const { owner1, head } = world.actors;
  ownersOwn = await queueOf(owner1);
  returned = ownersOwn[4];
  await bringTo(world, returned, 'submitted');
  const version = (await world.bundle(returned)).evaluation.version;
  const back = await world.run(returnOperation, head, { evaluationId: returned, version, comment: '请补充佐证' });
  expect(back).toMatchObject({ ok: true });
  approved = ownersOwn.slice(0, 3);
  for (const id of approved) await bringTo(world, id, 'dept_approved');
});

describe("the to-do lists' order, filters and neighbours (lib/lists queueKeys over the list spec)", () => {
  it("puts what came back to the owner (已退回) first, then the table's order", async () => {
    const queue = await queueOf(world.actors.owner1);
    expect(queue[0]).toBe(returned);
    expect(queue.slice(1)).toEqual(ownersOwn.filter((id) => id !== returned && !approved.includes(id)));
  });

  it("keeps the list's sort and filter, and the evaluation being looked at after it left the queue", async () => {
    const { finance } = world.actors;
    expect(await queueOf(finance)).toEqual(approved);
    expect(await queueOf(finance, 'sort=-position')).toEqual([...approved].reverse());
    const otherDepartment = (await world.bundle(approved[0])).project.departmentId + 1000;
    expect(await queueOf(finance, `department=${otherDepartment}`)).toEqual([]);
    // A finalised one (no longer finance's work) stays in place while it is looked at.
    await bringTo(world, approved[1], 'finalized', { from: 'dept_approved' });
    expect(await queueOf(finance)).toEqual([approved[0], approved[2]]);
    const kept = await queueOf(finance, '', approved[1]);
    expect(
      queueNeighbours(
        kept.map((id) => ({ id })),
        approved[1],
      ),
    ).toEqual({
      previous: approved[0],
      next: approved[2],
      position: 2,
      total: 3,
    });
  });

  it('is empty for a head of another department', async () => {
    expect(await queueOf(world.actors.otherhead)).toEqual([]);
  });
});

describe('填报进度 counted in the database (progressCounts → progressBy)', () => {
  it("counts a head's department by owner: submitted of all, not started, drafts, returned", async () => {
    const { head } = world.actors;
    const rows = await progressCounts(world.db, { scope: { user: head, year: 2024 }, by: 'owner' });
    const progress = progressBy(rows, (r) => r.group ?? '未指定', false);
    const all = progress.reduce((n, p) => n + p.total, 0);
    expect(all).toBe(17);
    const owner1 = progress.find((p) => p.group === world.actors.owner1.displayName)!;
    expect(owner1).toMatchObject({ total: ownersOwn.length, submitted: 3, returned: 1, draft: 0, overdue: 0 });
    expect(owner1.notStarted).toBe(ownersOwn.length - 4);
    const overdue = progressBy(rows, () => '全部', true)[0];
    expect(overdue.overdue).toBe(17 - 3);
  });

  it('counts finance’s whole year by owner when the URL asks, the same query and table limit as by department', async () => {
    const { finance, owner1, owner2 } = world.actors;
    const byOf = async (query: string) => {
      const by = progressGrouping(finance.role, new URLSearchParams(query))!;
      const rows = await progressCounts(world.db, { scope: { user: finance, year: 2024 }, by });
      return progressOfCounts(rows, { by, severalDepartments: true, overdue: false });
    };
    const byDepartment = await byOf('');
    expect(byDepartment.map((p) => p.group)).toEqual(['广州市白云区应急管理局']);
    const byOwner = await byOf('progress=owner');
    const named = (owner: typeof owner1) => `${owner.displayName}（广州市白云区应急管理局）`;
    expect(byOwner.map((p) => p.group).sort()).toEqual([named(owner1), named(owner2)].sort());
    const owner1Row = byOwner.find((p) => p.group === named(owner1))!;
    expect(owner1Row).toMatchObject({ total: ownersOwn.length, submitted: 3, returned: 1 });
    // Every evaluation counted once either way; the table lists the owner with most still to submit first.
    const sum = (ps: typeof byOwner) => ps.reduce((n, p) => n + p.total, 0);
    expect(sum(byOwner)).toBe(sum(byDepartment));
    const most = mostOutstanding(byOwner, 1)[0];
    expect(byOwner.every((p) => p.total - p.submitted <= most.total - most.submitted)).toBe(true);
  });
});
