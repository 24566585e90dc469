import 'server-only';
import { transaction } from '@/db';
import { insertAuditEntries } from '@/db/queries/audit';
import { findProject, listIndicators } from '@/db/queries/projects';
import { replaceTargets } from '@/db/queries/targets';
import { findYear } from '@/db/queries/years';
import { schemeOfYear } from '@/lib/evaluations/sheet';
import { defineOperation, fail, ok } from '@/lib/operations';
import { staleMessage } from '@/lib/versions';
import { evaluationStarted, targetsSummary } from './import-table';
import { parseTargetText } from './parse-target-text';
import { LEVEL1_NAMES } from './table-types';
import { pointsErrors, projectTargetsSchema, type TargetRow } from './targets-form';

function rowWarnings(row: TargetRow): string[] {
  const warnings: string[] = [];
  if (row.level2Code && row.level2Code[0] !== row.level1Code)
    warnings.push(
      `二级指标“${row.level2Code}-${row.level2Name}”不属于一级指标“${row.level1Code}-${LEVEL1_NAMES[row.level1Code]}”，按一级指标计分`,
    );
  if (row.periodTargetText && row.periodTargetText !== row.annualTargetText)
    warnings.push(`实施周期指标值“${row.periodTargetText}”与年度指标值“${row.annualTargetText}”不同，按年度指标值评价`);
  return warnings;
}

/** Admin or finance edits a project's 绩效目标 and indicators, only before its evaluation has started. */
export const updateProjectTargetsOperation = defineOperation({
  name: 'updateProjectTargets',
  schema: projectTargetsSchema,
  roles: ['admin', 'finance'],
  async run(input, { db, user }) {
    const project = (await findProject(db, { projectId: input.projectId }))?.project;
    if (!project) return fail('not_found', '找不到该项目');
    if (await evaluationStarted(db, project.id))
      return fail(
        'state',
        '该项目的自评已开始（已填写或已提交），绩效目标不能再修改；如确需调整，请先由财政局退回并清空自评内容',
      );
    const year = await findYear(db, { year: project.year });
    const errors = pointsErrors(input.indicators, schemeOfYear(year?.scheme));
    if (Object.keys(errors).length > 0) return fail('invalid', errors._ ?? '指标分值设置有误，请按提示修改', errors);

    const before = await listIndicators(db, { projectId: project.id });
    const claimed = await transaction(db, async (tx) => {
      const replaced = await replaceTargets(tx, {
        projectId: project.id,
        expectedVersion: input.version,
        project: { goal: input.goal },
        indicators: input.indicators.map((row, i) => ({
          position: i + 1,
          level1Code: row.level1Code,
          level1Name: LEVEL1_NAMES[row.level1Code],
          level2Code: row.level2Code,
          level2Name: row.level2Name,
          name: row.name,
          periodTargetText: row.periodTargetText,
          annualTargetText: row.annualTargetText,
          parsedTarget: parseTargetText(row.annualTargetText),
          points: row.points === '' ? null : row.points,
          warnings: rowWarnings(row),
        })),
      });
      if (!replaced) return false;
      const after = input.indicators.map((r) => ({ ...r, points: r.points || null }));
      const changes = [
        { field: '绩效目标', oldValue: project.goal, newValue: input.goal },
        { field: '绩效指标', oldValue: targetsSummary(before), newValue: targetsSummary(after) },
      ].filter((c) => c.oldValue !== c.newValue);
      await insertAuditEntries(tx, {
        actorId: user.id,
        action: 'targets_edited',
        changes: changes.map((c) => ({ ...c, entityType: 'project' as const, entityId: project.id })),
      });
      return true;
    });
    if (!claimed) return fail('conflict', staleMessage(`“${project.name}”的绩效目标`));
    return ok({ indicators: input.indicators.length }, '已保存绩效目标');
  },
});
