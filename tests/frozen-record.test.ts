import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { departments, projects, users } from '@/db/schema';
import { renameDepartmentOperation } from '@/lib/admin/departments';
import { updateUserOperation } from '@/lib/admin/users';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { approveOperation, finalizeOperation, submitOperation } from '@/lib/evaluations/transitions';
import { buildSelfEvaluationWorkbook } from '@/lib/exports/workbooks';
import { arrange, atCurrentVersion, readZip, rowOf } from './helpers';
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

describe('a finalised evaluation is frozen', () => {
  it('renaming the department, the project and the owner leaves the exported 自评表 as it was', async () => {
    const evaluationId = await world.evaluationOf(WORKED_EXAMPLE);
    const { project } = await world.bundle(evaluationId);
    await finalise(evaluationId);
    const atFinal = await buildSelfEvaluationWorkbook(await world.bundle(evaluationId));

    const { admin, owner1 } = world.actors;
    const department = await rowOf(world.db, departments, eq(departments.id, owner1.departmentId!));
    const renamed = await world.run(
      renameDepartmentOperation,
      admin,
      await atCurrentVersion(world.db, 'department', department.id, {
        departmentId: department.id,
        name: '白云区应急管理局（改名后）',
      }),
    );
    expect(renamed).toMatchObject({ ok: true });
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
  });
});
