import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { evaluationListSpec, listEvaluationPage } from '@/db/queries/evaluation-list';
import { departments, evaluationYears, indicatorResults, projects, users } from '@/db/schema';
import { renameDepartmentOperation } from '@/lib/admin/departments';
import { updateUserOperation } from '@/lib/admin/users';
import { freezeUnfrozenFinalised, shownProject } from '@/lib/evaluations/frozen';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { scoreStored } from '@/lib/evaluations/sheet';
import { approveOperation, finalizeOperation, submitOperation } from '@/lib/evaluations/transitions';
import { bundleFileName } from '@/lib/exports/evidence-bundle';
import { buildSelfEvaluationWorkbook, selfEvaluationFileName } from '@/lib/exports/workbooks';
import { formatScore } from '@/lib/format';
import { readListQuery } from '@/lib/lists/list-params';
import { backfillEvaluationFlags } from '@/lib/overview/backfill-flags';
import { reportFileName, reportOfBundle } from '@/lib/reports/load-reports';
import { updateYearOperation } from '@/lib/years/operations';
import { PRESET_FORMS } from '@/lib/years/scheme-form';
import { arrange, atCurrentVersion, readZip, rowOf, rowsOf } from './helpers';
import { completeDraft, reviewDraft, testWorld, WORKED_EXAMPLE } from './world';

/**
 * A finalised evaluation is frozen: its 自评表 renders from the snapshot taken at 定稿, so renaming
 * the department, the project and the owner afterwards changes nothing in it.
 */
const world = testWorld();

/** The workbook's parts, with the moment of the export (docProps/core.xml's dates) taken out. */
async function withoutExportTime(xlsx: Buffer) {
  return (await readZip(xlsx)).map((entry) => ({
    name: entry.name,
    text: entry.data.toString('utf8').replace(/<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/g, ''),
  }));
}

async function finalise(evaluationId: number) {
  const { owner1, head, finance } = world.actors;
  const version = async () => (await world.bundle(evaluationId)).evaluation.version;
  const step = async (answer: Promise<{ ok: boolean; message?: string }>) => {
    const result = await answer;
    expect(result, result.message).toMatchObject({ ok: true });
  };
  await step(world.run(saveDraftOperation, owner1, await completeDraft(world, evaluationId)));
  await step(world.run(submitOperation, owner1, { evaluationId, version: await version() }));
  await step(world.run(approveOperation, head, { evaluationId, version: await version(), comment: '' }));
  await step(world.run(reviewScoresOperation, finance, await reviewDraft(world, evaluationId, { 0: ['12', '复核'] })));
  await step(world.run(finalizeOperation, finance, { evaluationId, version: await version(), comment: '' }));
}

/** The administrator renames owner1's department. */
async function renameDepartment(name: string) {
  const department = await rowOf(world.db, departments, eq(departments.id, world.actors.owner1.departmentId!));
  return world.run(
    renameDepartmentOperation,
    world.actors.admin,
    await atCurrentVersion(world.db, 'department', department.id, { departmentId: department.id, name }),
  );
}

describe('a finalised evaluation is frozen', () => {
  it('renaming the department, the project and the owner leaves the exported 自评表 as it was', async () => {
    const evaluationId = await world.evaluationOf(WORKED_EXAMPLE);
    const { project } = await world.bundle(evaluationId);
    await finalise(evaluationId);
    const finalised = await world.bundle(evaluationId);
    const atFinal = await buildSelfEvaluationWorkbook(finalised);
    const reportAtFinal = reportOfBundle(finalised).report;

    const { admin, owner1 } = world.actors;
    expect(await renameDepartment('白云区应急管理局（改名后）')).toMatchObject({ ok: true });
    const owner = await rowOf(world.db, users, eq(users.id, owner1.id));
    expect(
      await world.run(
        updateUserOperation,
        admin,
        await atCurrentVersion(world.db, 'user', owner.id, {
          userId: owner.id,
          displayName: '改名后的负责人',
          role: owner.role,
          departmentId: owner.departmentId,
        }),
      ),
    ).toMatchObject({ ok: true });
    await arrange(world.db, (tx) =>
      tx.update(projects).set({ name: '改名后的项目' }).where(eq(projects.id, project.id)),
    );
    const live = await world.bundle(evaluationId);
    expect(live.departmentName).toBe('白云区应急管理局（改名后）');
    expect(live.project.name).toBe('改名后的项目');

    const later = await buildSelfEvaluationWorkbook(live);
    expect(await withoutExportTime(later)).toEqual(await withoutExportTime(atFinal));
    const sheet = (await withoutExportTime(later)).map((e) => e.text).join('');
    expect(sheet).toContain(WORKED_EXAMPLE);
    expect(sheet).not.toContain('改名后');

    // The 自评报告 (print view, its annexed 自评表, the .docx) and the titles and file names: the snapshot's too.
    const report = reportOfBundle(live);
    expect(report.report).toEqual(reportAtFinal);
    expect([report.report.projectName, report.bundle.project.name, shownProject(live).name]).toEqual([
      WORKED_EXAMPLE,
      WORKED_EXAMPLE,
      WORKED_EXAMPLE,
    ]);
    expect([report.report.department, report.bundle.departmentName]).toEqual([
      finalised.departmentName,
      finalised.departmentName,
    ]);
    const names = [reportFileName(report.report), selfEvaluationFileName(live), bundleFileName(live)];
    expect(
      names.every((name) => name.includes(WORKED_EXAMPLE)),
      names.join(),
    ).toBe(true);
    expect(JSON.stringify([report, names])).not.toContain('改名后');
  });
});

/**
 * What the lists show of a finalised evaluation (the cached scores and grades on its row, each indicator's
 * cached numbers) beside what its snapshot says: they must be the same.
 */
async function listedAndFrozen(evaluationId: number) {
  const { finance } = world.actors;
  const page = await listEvaluationPage(world.db, {
    scope: { user: finance, year: 2024 },
    query: readListQuery(evaluationListSpec(), new URLSearchParams({ q: '三防' })).query,
  });
  const row = page.items.find((item) => item.id === evaluationId)!;
  const cached = await rowsOf(world.db, indicatorResults, eq(indicatorResults.evaluationId, evaluationId));
  const { snapshot, indicators } = await world.bundle(evaluationId);
  const result = snapshot!.result;
  return {
    listed: {
      scores: [row.selfScore, row.finalScore, row.selfGrade, row.finalGrade],
      indicators: indicators.map((ind) => {
        const r = cached.find((c) => c.indicatorId === ind.id)!;
        return [r.points, r.rate, r.computedScore, r.finalScore];
      }),
    },
    frozen: {
      scores: [result.selfTotal, result.finalTotal, result.selfGrade, result.finalGrade],
      indicators: result.indicators.map((i) => [i.points, i.rate, i.computedScore, i.finalScore]),
    },
  };
}

describe('the lists’ cached scores and the snapshot of a finalised evaluation', () => {
  it('agree at 定稿, after a scheme edit, after the start’s data steps and after a rename', async () => {
    const evaluationId = await world.evaluationOf('三防专项经费');
    await finalise(evaluationId);
    const expectAgreement = async (when: string) => {
      const { listed, frozen } = await listedAndFrozen(evaluationId);
      expect(listed, when).toEqual(frozen);
      return frozen;
    };
    const atFinal = await expectAgreement('at 定稿');

    // Finance edits the year's scheme: refused while anything is submitted, so nothing is rescored.
    const { finance } = world.actors;
    const edit = await world.run(
      updateYearOperation,
      finance,
      await atCurrentVersion(world.db, 'year', 2024, {
        year: 2024,
        status: 'open' as const,
        deadline: '',
        scheme: PRESET_FORMS.hubei,
      }),
    );
    expect(edit).toMatchObject({ ok: false, code: 'state' });
    await expectAgreement('after the refused scheme edit');

    // The scheme changed underneath anyway (an older release, a hand edit): the live engine now scores
    // the record differently, and still neither the lists nor the snapshot move.
    await arrange(world.db, (tx) =>
      tx.update(evaluationYears).set({ scheme: 'hubei' }).where(eq(evaluationYears.year, 2024)),
    );
    const rescored = scoreStored(await world.bundle(evaluationId)).result;
    expect([rescored.finalTotal, rescored.indicators.map((i) => i.points)]).not.toEqual([
      atFinal.scores[1],
      atFinal.indicators.map((i) => i[0]),
    ]);
    expect(await freezeUnfrozenFinalised(world.db)).toBe(0);
    await backfillEvaluationFlags(world.db);
    expect(await expectAgreement('after the scheme changed and the start’s data steps')).toEqual(atFinal);

    expect(await renameDepartment('白云区应急管理局（再次改名）')).toMatchObject({ ok: true });
    expect(await expectAgreement('after a rename')).toEqual(atFinal);
    // The 自评报告 and its annex show the frozen scores, not the live engine's.
    const { report } = reportOfBundle(await world.bundle(evaluationId));
    const score = (text: string | null) => formatScore(text);
    expect([report.total, report.annex.finalTotal].map(score)).toEqual(
      [atFinal.scores[1], atFinal.scores[1]].map(score),
    );
    expect(report.annex.indicators.map((row) => row.points)).toEqual(atFinal.indicators.map((i) => i[0]));
  });
});
