import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listEvaluationKeys } from '@/db/queries/evaluation-list';
import { spotCheckItems, spotChecks } from '@/db/schema';
import { drawSpotCheckOperation } from '@/lib/spot-check/operations';
import { rolloverOperation } from '@/lib/years/rollover';
import { rowsOf, snapshotOf } from './helpers';
import { OWNER1_PROJECTS } from './seed-facts';
import { bringTo, testWorld } from './world';

const world = testWorld();

describe('drawing a 抽查复核 sample', () => {
  it('draws the same evaluations for the same seed from the approved and finalised ones, stores them and filters by them', async () => {
    const ids: number[] = [];
    for (const [i, name] of OWNER1_PROJECTS.slice(0, 5).entries()) {
      const id = await world.evaluationOf(name);
      await bringTo(world, id, i === 0 ? 'finalized' : 'dept_approved');
      ids.push(id);
    }
    const draw = (seed: string) =>
      world.run(drawSpotCheckOperation, world.actors.finance, { year: 2024, mode: 'count', amount: 3, seed });
    const first = await draw('2024-抽查');
    const second = await draw('2024-抽查');
    if (!first.ok || !second.ok) throw new Error('draw refused');
    expect(first.data.population).toBe(5);
    expect(first.data.drawn).toHaveLength(3);
    expect(second.data.drawn).toEqual(first.data.drawn);
    expect(first.data.drawn.every((id) => ids.includes(id))).toBe(true);
    const stored = await rowsOf(world.db, spotCheckItems, eq(spotCheckItems.spotCheckId, second.data.spotCheckId));
    expect(stored.sort((a, b) => a.position - b.position).map((r) => r.evaluationId)).toEqual(first.data.drawn);

    // No seed given: one is made up and returned, and drawing with it again gives the same sample.
    const fresh = await world.run(drawSpotCheckOperation, world.actors.finance, {
      year: 2024,
      mode: 'percent',
      amount: 40,
    });
    if (!fresh.ok) throw new Error(fresh.message);
    expect(fresh.data.seed).toMatch(/^[0-9A-F]{8}$/);
    const again = await draw(fresh.data.seed);
    expect(again.ok && again.data.drawn.slice(0, 2)).toEqual(fresh.data.drawn);

    // The lists' 抽查 filter holds exactly the drawn ones.
    const listed = await listEvaluationKeys(world.db, {
      scope: { user: world.actors.finance, year: 2024 },
      query: { page: 1, pageSize: 50, q: '', sort: 'position', direction: 'asc', filters: { spot: 'yes' } },
    });
    const everDrawn = new Set([...first.data.drawn, ...fresh.data.drawn, ...(again.ok ? again.data.drawn : [])]);
    expect(new Set(listed.map((r) => r.id))).toEqual(everDrawn);
  });

  it('refuses a year with nothing approved yet, and a percent over 100', async () => {
    const run = (input: object) => world.run(drawSpotCheckOperation, world.actors.finance, { year: 2024, ...input });
    // 2025, rolled forward from 2024, holds drafts only: nothing to draw from, and nothing stored.
    expect(await world.run(rolloverOperation, world.actors.finance, { fromYear: 2024 })).toMatchObject({ ok: true });
    const before = await snapshotOf(world.db, [spotChecks, spotCheckItems]);
    expect(await run({ year: 2025, mode: 'count', amount: 1, seed: 'x' })).toMatchObject({
      ok: false,
      code: 'state',
      message: '该年度还没有部门已审核或已定稿的自评，无法抽查',
    });
    expect(await run({ year: 2031, mode: 'count', amount: 1 })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await snapshotOf(world.db, [spotChecks, spotCheckItems])).toBe(before);
    // 2024 has approved ones (the test above): the same request is drawn there.
    expect(await run({ mode: 'count', amount: 1, seed: 'x' })).toMatchObject({ ok: true });
    expect(await run({ mode: 'percent', amount: 120 })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { amount: '比例不能超过 100%' },
    });
  });
});
