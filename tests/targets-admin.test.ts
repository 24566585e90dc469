import { readFileSync } from 'node:fs';
import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, evaluations, indicators, projects, targetImports } from '@/db/schema';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { updateProjectTargetsOperation } from '@/lib/targets/edit-targets';
import { confirmTargetImportOperation, previewTargetImportOperation } from '@/lib/targets/import-operations';
import { SEED_FILE } from './helpers';
import { completeDraft, createWorld, WORKED_EXAMPLE, type World } from './world';

let world: World;
beforeEach(() => {
  world = createWorld();
});
afterEach(() => world.cleanup());

const SEED = readFileSync(SEED_FILE, 'utf8');
const counts = () => ({
  projects: world.db.select({ n: count() }).from(projects).get()!.n,
  indicators: world.db.select({ n: count() }).from(indicators).get()!.n,
  evaluations: world.db.select({ n: count() }).from(evaluations).get()!.n,
  audit: world.db.select({ n: count() }).from(auditLog).get()!.n,
  imports: world.db.select({ n: count() }).from(targetImports).get()!.n,
});

describe('target table import: preview, then confirm', () => {
  it('a preview of the seed into 2025 reports everything and writes nothing', async () => {
    const before = counts();
    const preview = await world.run(previewTargetImportOperation, world.actors.admin, {
      year: '2025',
      sourceName: '粘贴',
      format: 'text',
      content: SEED,
    });
    expect(preview).toMatchObject({
      ok: true,
      data: { year: 2025, outcome: { projects: 17, indicators: 113, budgetTotal: '1408.40', qualitative: 14 } },
    });
    if (!preview.ok) return;
    expect(preview.data.outcome.created).toHaveLength(17);
    expect(preview.data.outcome.warnings.filter((w) => w.code === 'level_mismatch')).toHaveLength(2);
    expect(counts()).toEqual(before);

    const confirmed = await world.run(confirmTargetImportOperation, world.actors.admin, {
      year: '2025',
      sourceName: '粘贴',
      format: 'text',
      content: SEED,
      digest: preview.data.digest,
    });
    expect(confirmed).toMatchObject({ ok: true });
    const after = counts();
    expect(after.projects - before.projects).toBe(17);
    expect(after.evaluations - before.evaluations).toBe(17);
    expect(after.imports).toBe(1);
  });

  it('a broken line shows as a warning with its row; confirming other content than previewed is refused', async () => {
    const broken = SEED.replace(
      '、1-产出指标；11-数量指标；采购物业管理服务服务时长',
      '、产出指标数量指标采购物业管理服务服务时长',
    );
    const preview = await world.run(previewTargetImportOperation, world.actors.finance, {
      year: '2025',
      sourceName: 'x.txt',
      format: 'text',
      content: broken,
    });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.data.outcome.warnings.find((w) => w.code === 'unreadable_row')).toMatchObject({
      project: '队伍装备基础设施建设专项经费',
      row: 1,
    });
    const before = counts();
    const tampered = await world.run(confirmTargetImportOperation, world.actors.finance, {
      year: '2025',
      sourceName: 'x.txt',
      format: 'text',
      content: SEED,
      digest: preview.data.digest,
    });
    expect(tampered).toMatchObject({ ok: false, code: 'conflict' });
    expect(counts()).toEqual(before);
  });

  it('is for admin and finance only, and refuses empty or table-less text', async () => {
    for (const actor of [world.actors.owner1, world.actors.head]) {
      expect(
        await world.run(previewTargetImportOperation, actor, {
          year: '2025',
          sourceName: 'x',
          format: 'text',
          content: SEED,
        }),
      ).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(
      await world.run(previewTargetImportOperation, world.actors.admin, {
        year: '2025',
        sourceName: 'x',
        format: 'text',
        content: '',
      }),
    ).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { content: expect.any(String) } });
    expect(
      await world.run(previewTargetImportOperation, world.actors.admin, {
        year: '2025',
        sourceName: 'x',
        format: 'text',
        content: '随便一段文字',
      }),
    ).toMatchObject({ ok: false, code: 'invalid' });
    expect(
      await world.run(previewTargetImportOperation, world.actors.admin, {
        year: '1999',
        sourceName: 'x',
        format: 'text',
        content: SEED,
      }),
    ).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { year: expect.any(String) } });
  });
});

describe('editing a project’s targets (scoring-rules.md § Points per indicator)', () => {
  const rowsOf = (projectId: number) =>
    world.db
      .select()
      .from(indicators)
      .where(eq(indicators.projectId, projectId))
      .orderBy(indicators.position)
      .all()
      .map((i) => ({
        level1Code: i.level1Code as '1' | '2' | '3',
        level2Code: i.level2Code,
        level2Name: i.level2Name,
        name: i.name,
        periodTargetText: i.periodTargetText,
        annualTargetText: i.annualTargetText,
        points: i.points ?? '',
      }));
  const projectOf = (name: string) => world.db.select().from(projects).where(eq(projects.name, name)).get()!;

  it('saves explicit 分值 that add up, and parses the edited targets', async () => {
    const project = projectOf(WORKED_EXAMPLE);
    const rows = rowsOf(project.id);
    ['20', '10', '15', '15', '15'].forEach((p, i) => (rows[i].points = p));
    rows[5].points = '15';
    rows[0].annualTargetText = '≥32家';
    const result = await world.run(updateProjectTargetsOperation, world.actors.finance, {
      projectId: project.id,
      goal: project.goal,
      indicators: rows,
    });
    expect(result).toMatchObject({ ok: true });
    const stored = world.db
      .select()
      .from(indicators)
      .where(eq(indicators.projectId, project.id))
      .orderBy(indicators.position)
      .all();
    expect(stored.map((i) => i.points)).toEqual(['20', '10', '15', '15', '15', '15']);
    expect(stored[0].parsedTarget).toMatchObject({ kind: 'quantitative', comparator: '>=', value: '32', unit: '家' });
  });

  it('refuses 分值 that do not add up, or are set on only part of a level, naming the rows', async () => {
    const project = projectOf(WORKED_EXAMPLE);
    const rows = rowsOf(project.id);
    rows[0].points = '20';
    const partial = await world.run(updateProjectTargetsOperation, world.actors.admin, {
      projectId: project.id,
      goal: '',
      indicators: rows,
    });
    expect(partial).toMatchObject({ ok: false, code: 'invalid' });
    if (!partial.ok)
      expect(Object.keys(partial.fieldErrors ?? {}).some((k) => /^indicators\.\d\.points$/.test(k))).toBe(true);
    ['20', '20', '20', '20', '20'].forEach((p, i) => (rows[i].points = p));
    rows[5].points = '15';
    const wrongSum = await world.run(updateProjectTargetsOperation, world.actors.admin, {
      projectId: project.id,
      goal: '',
      indicators: rows,
    });
    expect(wrongSum).toMatchObject({ ok: false, code: 'invalid' });
    expect(
      world.db
        .select()
        .from(indicators)
        .where(eq(indicators.projectId, project.id))
        .all()
        .every((i) => i.points === null),
    ).toBe(true);
  });

  it('keeps the targets of a project whose evaluation has started, with the reason', async () => {
    const id = world.evaluationOf(WORKED_EXAMPLE);
    await world.run(saveDraftOperation, world.actors.owner1, completeDraft(world, id));
    const project = projectOf(WORKED_EXAMPLE);
    const result = await world.run(updateProjectTargetsOperation, world.actors.admin, {
      projectId: project.id,
      goal: '改',
      indicators: rowsOf(project.id),
    });
    expect(result).toMatchObject({ ok: false, code: 'state', message: expect.stringContaining('自评已开始') });
    expect(
      await world.run(updateProjectTargetsOperation, world.actors.owner1, {
        projectId: project.id,
        goal: '改',
        indicators: rowsOf(project.id),
      }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
