import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listIndicators } from '@/db/queries/projects';
import { auditLog, evaluations, indicators, projects, targetImports } from '@/db/schema';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { updateProjectTargetsOperation } from '@/lib/targets/edit-targets';
import {
  confirmTargetImportOperation,
  previewTargetImportOperation,
  sourceDigest,
} from '@/lib/targets/import-operations';
import { targetFormRows, type TargetRow } from '@/lib/targets/targets-form';
import { rolloverOperation } from '@/lib/years/rollover';
import { expectFiguresFresh } from './figures-check';
import { atCurrentVersion, rowOf, rowsOf, SEED_FILE } from './helpers';
import { completeDraft, testWorld, WORKED_EXAMPLE } from './world';

const world = testWorld({ each: true });

const SEED = readFileSync(SEED_FILE, 'utf8');
const counts = async () => ({
  projects: await world.db.$count(projects),
  indicators: await world.db.$count(indicators),
  evaluations: await world.db.$count(evaluations),
  audit: await world.db.$count(auditLog),
  imports: await world.db.$count(targetImports),
});

/** A preview of pasted text by the admin. */
const previewOf = (year: string, content: string, sourceName = 'x') =>
  world.run(previewTargetImportOperation, world.actors.admin, { year, sourceName, format: 'text', content });

describe('target table import: preview, then confirm', () => {
  it('a preview of the seed into 2025 reports everything and writes nothing', async () => {
    const before = await counts();
    const preview = await previewOf('2025', SEED, '粘贴');
    expect(preview).toMatchObject({
      ok: true,
      data: { year: 2025, outcome: { projects: 17, indicators: 113, budgetTotal: '1408.40', qualitative: 14 } },
    });
    if (!preview.ok) return;
    expect(preview.data.outcome.created).toHaveLength(17);
    expect(preview.data.outcome.warnings.filter((w) => w.code === 'level_mismatch')).toHaveLength(2);
    expect(await counts()).toEqual(before);

    const confirmed = await world.run(confirmTargetImportOperation, world.actors.admin, {
      year: '2025',
      sourceName: '粘贴',
      format: 'text',
      content: SEED,
      digest: preview.data.digest,
    });
    expect(confirmed).toMatchObject({ ok: true });
    const after = await counts();
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
    const before = await counts();
    const tampered = await world.run(confirmTargetImportOperation, world.actors.finance, {
      year: '2025',
      sourceName: 'x.txt',
      format: 'text',
      content: SEED,
      digest: preview.data.digest,
    });
    expect(tampered).toMatchObject({ ok: false, code: 'conflict' });
    expect(await counts()).toEqual(before);
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
    expect(await previewOf('2025', '')).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { content: expect.any(String) },
    });
    expect(await previewOf('2025', '随便一段文字')).toMatchObject({ ok: false, code: 'invalid' });
    expect(await previewOf('1999', SEED)).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { year: expect.any(String) },
    });
  });
});

describe('the preview’s digest', () => {
  it('is the digest of the whole source, also when a character of two UTF-16 units straddles a hashing slice', async () => {
    // The preview hashes 256 Ki characters per turn: put an emoji (a surrogate pair) across the first boundary.
    const padding = '说明'.repeat(140_000);
    const content = `${SEED}\n${padding.slice(0, 262_143 - SEED.length - 1)}😀${padding}`;
    const preview = await previewOf('2027', content);
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.data.digest).toBe(sourceDigest({ year: '2027', departmentId: '', format: 'text', content }));
  });
});

describe('a table that cannot be imported as read', () => {
  it('previews with the reason, is refused on confirm, and writes nothing', async () => {
    // The header and the 合计 line on one line: the header lines are read as the department's name.
    const merged = SEED.replace(
      '其他资金 绩效目标 绩效指标\n\n合计 1,408.40',
      '其他资金 绩效目标 绩效指标 合计 1,408.40',
    );
    const before = await counts();
    const preview = await previewOf('2026', merged);
    expect(preview).toMatchObject({ ok: true, data: { outcome: { projects: 17, created: [] } } });
    if (!preview.ok) return;
    expect(preview.data.outcome.blocking).toEqual([
      { project: null, message: expect.stringContaining('含有表头文字“绩效目标表”') },
    ]);
    const confirmed = await world.run(confirmTargetImportOperation, world.actors.admin, {
      year: '2026',
      sourceName: 'x',
      format: 'text',
      content: merged,
      digest: preview.data.digest,
    });
    expect(confirmed).toMatchObject({
      ok: false,
      code: 'invalid',
      message: expect.stringMatching(/^无法导入：部门名称“/),
    });
    expect(await counts()).toEqual(before);
  });
});

describe('editing a project’s targets (scoring-rules.md § Points per indicator)', () => {
  const formRows = async (projectId: number) => targetFormRows(await listIndicators(world.db, { projectId }));
  const projectOf = (name: string) => rowOf(world.db, projects, eq(projects.name, name));
  const edit = async (by: keyof typeof world.actors, projectId: number, goal: string, indicators: TargetRow[]) =>
    world.run(
      updateProjectTargetsOperation,
      world.actors[by],
      await atCurrentVersion(world.db, 'project', projectId, { projectId, goal, indicators }),
    );

  it('saves explicit 分值 that add up, and parses the edited targets', async () => {
    const project = await projectOf(WORKED_EXAMPLE);
    const rows = await formRows(project.id);
    ['20', '10', '15', '15', '15'].forEach((p, i) => (rows[i].points = p));
    rows[5].points = '15';
    rows[0].annualTargetText = '≥32家';
    const result = await edit('finance', project.id, project.goal, rows);
    expect(result).toMatchObject({ ok: true });
    const stored = await listIndicators(world.db, { projectId: project.id });
    expect(stored.map((i) => i.points)).toEqual(['20', '10', '15', '15', '15', '15']);
    expect(stored[0].parsedTarget).toMatchObject({ kind: 'quantitative', comparator: '>=', value: '32', unit: '家' });
  });

  it('refuses 分值 that do not add up, or are set on only part of a level, naming the rows', async () => {
    const project = await projectOf(WORKED_EXAMPLE);
    const rows = await formRows(project.id);
    rows[0].points = '20';
    const partial = await edit('admin', project.id, '', rows);
    expect(partial).toMatchObject({ ok: false, code: 'invalid' });
    if (!partial.ok)
      expect(Object.keys(partial.fieldErrors ?? {}).some((k) => /^indicators\.\d\.points$/.test(k))).toBe(true);
    ['20', '20', '20', '20', '20'].forEach((p, i) => (rows[i].points = p));
    rows[5].points = '15';
    const wrongSum = await edit('admin', project.id, '', rows);
    expect(wrongSum).toMatchObject({ ok: false, code: 'invalid' });
    expect(
      (await rowsOf(world.db, indicators, eq(indicators.projectId, project.id))).every((i) => i.points === null),
    ).toBe(true);
  });

  it('keeps the targets of a project whose evaluation has started, with the reason', async () => {
    const id = await world.evaluationOf(WORKED_EXAMPLE);
    await world.run(saveDraftOperation, world.actors.owner1, await completeDraft(world, id));
    const project = await projectOf(WORKED_EXAMPLE);
    const result = await edit('admin', project.id, '改', await formRows(project.id));
    expect(result).toMatchObject({ ok: false, code: 'state', message: expect.stringContaining('自评已开始') });
    expect(await edit('owner1', project.id, '改', await formRows(project.id))).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });
});

describe('the stored indicator count (projects.indicator_count, read by the lists’ 指标数 and 合计)', () => {
  /** Projects whose stored count is not the number of their indicator rows. */
  const disagreeing = async () =>
    (
      await world.db
        .select({
          name: projects.name,
          year: projects.year,
          stored: projects.indicatorCount,
          counted: world.db.$count(indicators, eq(indicators.projectId, projects.id)),
        })
        .from(projects)
    ).filter((row) => row.stored !== row.counted);

  it('follows the import, an edit that removes and adds rows, and a rollover', async () => {
    expect(await world.db.$count(projects)).toBeGreaterThanOrEqual(17);
    expect(await disagreeing()).toEqual([]);
    const project = await rowOf(world.db, projects, eq(projects.name, WORKED_EXAMPLE));
    expect(project.indicatorCount).toBe(6);
    const rows = targetFormRows(await listIndicators(world.db, { projectId: project.id }));
    const edited = [...rows.slice(0, 3), rows[5]];
    const saved = await world.run(
      updateProjectTargetsOperation,
      world.actors.admin,
      await atCurrentVersion(world.db, 'project', project.id, {
        projectId: project.id,
        goal: project.goal,
        indicators: edited,
      }),
    );
    expect(saved).toMatchObject({ ok: true });
    expect((await rowOf(world.db, projects, eq(projects.id, project.id))).indicatorCount).toBe(4);
    expect(await world.run(rolloverOperation, world.actors.admin, { fromYear: 2024 })).toMatchObject({ ok: true });
    expect((await rowsOf(world.db, projects, eq(projects.year, 2025))).length).toBeGreaterThan(0);
    expect(await disagreeing()).toEqual([]);
    await expectFiguresFresh(world.db);
  });
});
