import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { evaluations, evaluationYears, indicators, projects, users } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/scope';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { submitOperation } from '@/lib/evaluations/transitions';
import { scoreInterchange } from '@/lib/scoring';
import { updateYearOperation, whatIfOperation } from '@/lib/years/operations';
import { planRollover, rolloverOperation } from '@/lib/years/rollover';
import { PRESET_FORMS } from '@/lib/years/scheme-form';
import { expectFiguresFresh } from './figures-check';
import { arrange, atCurrentVersion, rowOf, rowsOf } from './helpers';
import { completeDraft, createWorld, testWorld, WORKED_EXAMPLE, type World } from './world';

const world = testWorld({ each: true });

async function fillWorkedExample() {
  const id = await world.evaluationOf(WORKED_EXAMPLE);
  const draft = await completeDraft(world, id);
  ['27', '52', '405', null, '96', '93'].forEach((v, i) => v && (draft.indicators[i].value = v));
  draft.indicators[3].parts = ['4', '1'];
  draft.budgetExecuted = '20';
  expect(await world.run(saveDraftOperation, world.actors.owner1, draft)).toMatchObject({ ok: true });
  return id;
}

/** The year settings form as opened now (at the year's current version), sent by `actor`. */
const runYear = async (w: World, actor: SessionUser | null, input: { year: number } & Record<string, unknown>) =>
  w.run(updateYearOperation, actor, await atCurrentVersion(w.db, 'year', input.year, input));

describe('years and schemes', () => {
  it('what-if under hubei gives the totals the score command gives for the same data', async () => {
    const id = await fillWorkedExample();
    const result = await world.run(whatIfOperation, world.actors.finance, { year: 2024, scheme: PRESET_FORMS.hubei });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = result.data.rows.find((r) => r.id === id)!;
    expect(row.current).toEqual({ total: '93.73', grade: '优' });
    const command = scoreInterchange({
      scheme: 'hubei',
      budget: { initial: 21.5, executed: 20 },
      indicators: [
        { level1: '产出指标', name: 'a', target: '30家', actual: 27 },
        { level1: '产出指标', name: 'b', target: '≥50家', actual: 52 },
        { level1: '产出指标', name: 'c', target: '405支', actual: 405 },
        { level1: '产出指标', name: 'd', target: '≥4次，≥2个', actual: [4, 1] },
        { level1: '产出指标', name: 'e', target: '95%', actual: 96 },
        { level1: '满意度指标', name: 'f', target: '95%', actual: 93 },
      ],
    });
    expect(command.ok).toBe(true);
    if (command.ok) expect(row.next.total).toBe(String(command.output.total));
    expect(row.next.total).not.toBe('93.73');
  });

  it('switches the scheme while nothing is submitted (rescoring the cache), and refuses once something is', async () => {
    const id = await fillWorkedExample();
    const settings = { year: 2024, status: 'open' as const, deadline: '2025-01-31', scheme: PRESET_FORMS.hubei };
    expect(await runYear(world, world.actors.finance, settings)).toMatchObject({ ok: true });
    expect(await rowOf(world.db, evaluationYears, eq(evaluationYears.year, 2024))).toMatchObject({
      scheme: 'hubei',
      deadline: '2025-01-31',
    });
    expect((await world.bundle(id)).evaluation.selfScore).not.toBe('93.73');
    const untouched = (await world.bundle(await world.evaluationOf('三防专项经费'))).evaluation;
    expect([untouched.selfScore, untouched.selfGrade]).toEqual([null, null]);

    expect(await runYear(world, world.actors.finance, { ...settings, scheme: PRESET_FORMS.national })).toMatchObject({
      ok: true,
    });
    expect((await world.bundle(id)).evaluation.selfScore).toBe('93.73');
    const draft = await completeDraft(world, id);
    for (const i of [0, 1, 2, 3, 4, 5]) draft.indicators[i].explanation = '说明';
    await world.run(saveDraftOperation, world.actors.owner1, draft);
    expect(
      await world.run(submitOperation, world.actors.owner1, {
        evaluationId: id,
        version: (await world.bundle(id)).evaluation.version,
      }),
    ).toMatchObject({ ok: true });
    expect(await runYear(world, world.actors.finance, { ...settings, scheme: PRESET_FORMS.hubei })).toMatchObject({
      ok: false,
      code: 'state',
    });
    expect(
      await runYear(world, world.actors.finance, {
        ...settings,
        status: 'closed',
        scheme: PRESET_FORMS.national,
      }),
    ).toMatchObject({ ok: true });
    await expectFiguresFresh(world.db);
  });

  it('rejects an inconsistent custom scheme with field messages, and refuses other roles', async () => {
    const custom = { ...PRESET_FORMS.national, preset: 'custom' as const, budgetPoints: 20 };
    expect(
      await runYear(world, world.actors.finance, {
        year: 2024,
        status: 'open',
        deadline: '',
        scheme: custom,
      }),
    ).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { 'scheme.levelPoints': expect.stringContaining('100') },
    });
    const valid = { ...custom, levelPoints: { '1': 40, '2': 30, '3': 10 } };
    expect(
      await runYear(world, world.actors.finance, {
        year: 2024,
        status: 'open',
        deadline: '',
        scheme: valid,
      }),
    ).toMatchObject({ ok: true });
    expect(
      await runYear(world, world.actors.head, {
        year: 2024,
        status: 'open',
        deadline: '',
        scheme: valid,
      }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('a closed year refuses saving and submitting', async () => {
    await runYear(world, world.actors.finance, {
      year: 2024,
      status: 'closed',
      deadline: '',
      scheme: PRESET_FORMS.national,
    });
    const id = await world.evaluationOf(WORKED_EXAMPLE);
    expect(await world.run(saveDraftOperation, world.actors.owner1, await completeDraft(world, id))).toMatchObject({
      ok: false,
      code: 'state',
      message: expect.stringContaining('已关闭'),
    });
  });
});

describe('rolling a year forward', () => {
  it('copies departments’ projects, owners and targets into the next year with empty evaluations, once', async () => {
    await fillWorkedExample();
    await arrange(world.db, (tx) => tx.update(users).set({ active: false }).where(eq(users.username, 'owner2')));
    const plan = await planRollover(world.db, 2024);
    expect(plan).toMatchObject({ toYear: 2025, blocked: null });
    expect(plan.projects).toHaveLength(17);
    expect(await world.run(rolloverOperation, world.actors.finance, { fromYear: 2024 })).toMatchObject({
      ok: true,
      data: { toYear: 2025, projects: 17 },
    });
    const next = await rowsOf(world.db, projects, eq(projects.year, 2025));
    expect(next).toHaveLength(17);
    expect(next.filter((p) => p.ownerId !== null)).toHaveLength(9);
    const copied = (
      await world.db
        .select({ n: count() })
        .from(indicators)
        .innerJoin(projects, eq(projects.id, indicators.projectId))
        .where(eq(projects.year, 2025))
        .limit(1)
    )[0]!.n;
    expect(copied).toBe(113);
    const nextEvaluations = await world.db
      .select()
      .from(evaluations)
      .innerJoin(projects, eq(projects.id, evaluations.projectId))
      .where(eq(projects.year, 2025));
    expect(nextEvaluations.every((e) => e.evaluations.status === 'draft' && e.evaluations.selfScore === null)).toBe(
      true,
    );
    expect((await planRollover(world.db, 2024)).blocked).toContain('不能再次结转');
    expect(await world.run(rolloverOperation, world.actors.finance, { fromYear: 2024 })).toMatchObject({
      ok: false,
      code: 'state',
    });
    expect(await world.run(rolloverOperation, world.actors.owner1, { fromYear: 2025 })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    await expectFiguresFresh(world.db);
  });
});

describe('year settings input', () => {
  it('refuses an emptied custom field and an impossible deadline, with field messages', async () => {
    const w = await createWorld();
    try {
      const custom = { ...PRESET_FORMS.national, preset: 'custom' as const, gradeBands: { 优: 90, 良: 80, 中: '' } };
      expect(
        await runYear(w, w.actors.finance, {
          year: 2024,
          status: 'open',
          deadline: '',
          scheme: custom,
        }),
      ).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { 'scheme.gradeBands.中': '请填写' } });
      for (const deadline of ['2025-13-45', '2025-02-30', '31/01/2025']) {
        expect(
          await runYear(w, w.actors.finance, {
            year: 2024,
            status: 'open',
            deadline,
            scheme: PRESET_FORMS.national,
          }),
        ).toMatchObject({ ok: false, fieldErrors: { deadline: '请输入有效日期，如 2025-01-31' } });
      }
      expect(
        await runYear(w, w.actors.finance, {
          year: 2024,
          status: 'open',
          deadline: '2024-02-29',
          scheme: PRESET_FORMS.national,
        }),
      ).toMatchObject({ ok: true });
    } finally {
      w.cleanup();
    }
  });
});
