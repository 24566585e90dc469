import { describe, expect, it } from 'vitest';
import { evaluations, indicatorResults, auditLog } from '@/db/schema';
import { confirmEntryImportOperation, previewEntryImportOperation } from '@/lib/entry/import-operations';
import { COLUMNS } from '@/lib/entry/layout';
import { loadOwnerEntryBundles } from '@/lib/entry/owner-bundles';
import { buildEntryWorkbook } from '@/lib/entry/write-workbook';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { submitOperation } from '@/lib/evaluations/transitions';
import { loadDepartmentReport } from '@/lib/reports/load-reports';
import { base64Of, openWorkbook, rowOfIndicator } from './entry-support';
import { snapshotOf } from './helpers';
import { CALLERS, completeDraft, sessionOf, testWorld, type Caller } from './world';

/**
 * The new operations and the checks behind the new routes × every kind of caller: the entry
 * workbook's preview and confirm (owner of the project only), the owner's year workbook, the
 * department report (its head, finance, admin). Each refusal's code asserted, nothing written.
 */
const world = testWorld();
const PROJECT = '队伍装备基础设施建设专项经费';
const TABLES = [evaluations, indicatorResults, auditLog];

async function filledUpload() {
  const id = await world.evaluationOf(PROJECT);
  const bundle = await world.bundle(id);
  const wb = await openWorkbook(await buildEntryWorkbook([bundle]));
  const first = bundle.indicators.find((i) => i.parsedTarget.kind === 'quantitative')!;
  rowOfIndicator(wb.worksheets[0], first.id).getCell(COLUMNS.value).value = '1';
  return { id, content: await base64Of(wb) };
}

const temporary = () => ({ ...world.actors.owner1, mustChangePassword: true });

describe('entry workbook upload × callers', () => {
  it('preview and confirm are refused for everyone but the project’s owner, and write nothing', async () => {
    const { id, content } = await filledUpload();
    const input = { target: { kind: 'evaluation', evaluationId: id }, content };
    const preview = await world.run(previewEntryImportOperation, world.actors.owner1, input);
    if (!preview.ok) throw new Error(preview.message);
    const confirm = { ...input, digest: preview.data.digest };
    const before = await snapshotOf(world.db, TABLES);
    const expected: Record<Exclude<Caller, 'owner1'>, string> = {
      anonymous: 'unauthenticated',
      owner2: 'forbidden',
      otherowner: 'forbidden',
      head: 'forbidden',
      otherhead: 'forbidden',
      finance: 'forbidden',
      admin: 'forbidden',
    };
    for (const caller of CALLERS.filter((c): c is Exclude<Caller, 'owner1'> => c !== 'owner1')) {
      const previewed = await world.run(previewEntryImportOperation, sessionOf(world, caller), input);
      expect(previewed, `preview by ${caller}`).toMatchObject({ ok: false, code: expected[caller] });
      const confirmed = await world.run(confirmEntryImportOperation, sessionOf(world, caller), confirm);
      expect(confirmed, `confirm by ${caller}`).toMatchObject({ ok: false, code: expected[caller] });
    }
    const temporaryRefusal = { ok: false, code: 'forbidden', message: '请先修改初始密码' };
    expect(await world.run(previewEntryImportOperation, temporary(), input)).toMatchObject(temporaryRefusal);
    expect(await world.run(confirmEntryImportOperation, temporary(), confirm)).toMatchObject(temporaryRefusal);
    expect(await snapshotOf(world.db, TABLES)).toBe(before);

    expect(await world.run(confirmEntryImportOperation, world.actors.owner1, confirm)).toMatchObject({ ok: true });
    expect((await world.bundle(id)).evaluation.version).toBe(2);
  });

  it('another owner’s year upload names the sheet they may not fill; a submitted evaluation refuses by its state', async () => {
    const { id, content } = await filledUpload();
    const year = await world.run(previewEntryImportOperation, world.actors.owner2, {
      target: { kind: 'year', year: 2024 },
      content,
    });
    expect(year.ok && year.data.sheets[0].problems[0].message).toMatch(/^该工作表属于您无权填报的项目/);
    expect((await world.run(saveDraftOperation, world.actors.owner1, await completeDraft(world, id))).ok).toBe(true);
    const version = (await world.bundle(id)).evaluation.version;
    expect((await world.run(submitOperation, world.actors.owner1, { evaluationId: id, version })).ok).toBe(true);
    expect(
      await world.run(previewEntryImportOperation, world.actors.owner1, {
        target: { kind: 'evaluation', evaluationId: id },
        content,
      }),
    ).toMatchObject({ ok: false, code: 'state' });
  });
});

describe('the new routes’ checks × callers', () => {
  it('the owner’s year entry workbook: owners only, their own projects that are still drafts', async () => {
    const counts: Partial<Record<Caller, number | string>> = {};
    for (const caller of CALLERS.filter((c) => c !== 'anonymous')) {
      const found = await loadOwnerEntryBundles(world.db, { user: sessionOf(world, caller)!, year: 2024 });
      counts[caller] = found.ok ? found.bundles.length : found.code;
    }
    // owner1 submitted one project above.
    expect(counts).toEqual({
      owner1: 8,
      owner2: 8,
      otherowner: 'not_found',
      head: 'forbidden',
      otherhead: 'forbidden',
      finance: 'forbidden',
      admin: 'forbidden',
    });
  });

  it('the department report: the department’s head, finance and admin; owners and other heads never', async () => {
    const department = String((await world.bundle(await world.evaluationOf(PROJECT))).project.departmentId);
    const answers: Partial<Record<Caller, number | string>> = {};
    for (const caller of CALLERS.filter((c) => c !== 'anonymous')) {
      const found = await loadDepartmentReport(world.db, { user: sessionOf(world, caller)!, year: 2024, department });
      answers[caller] = found.ok ? found.report.projects.length : found.code;
    }
    expect(answers).toEqual({
      owner1: 'forbidden',
      owner2: 'forbidden',
      otherowner: 'forbidden',
      head: 17,
      otherhead: 'forbidden',
      finance: 17,
      admin: 17,
    });
    const unknown = await loadDepartmentReport(world.db, { user: world.actors.finance, year: 2024, department: '999' });
    expect(unknown).toMatchObject({ ok: false, code: 'not_found' });
  });
});
