import 'server-only';
import { z } from 'zod';
import { transaction, type Db } from '@/db';
import { insertAuditEntries } from '@/db/queries/audit';
import { refreshFiguresOfYear } from '@/db/queries/department-figures';
import { loadYearBundles, writeEvaluation } from '@/db/queries/evaluations';
import { claimVersion } from '@/db/queries/versions';
import { countSubmitted, findYear, updateYear } from '@/db/queries/years';
import type { SessionUser } from '@/lib/auth/scope';
import { cachedScores, scoreStored } from '@/lib/evaluations/sheet';
import { defineOperation, fail, ok } from '@/lib/operations';
import type { Scheme } from '@/lib/scoring';
import { staleMessage } from '@/lib/versions';
import { resolveSchemeForm, schemeFormSchema, yearNumber, yearSettingsSchema } from './scheme-form';

/** Every evaluation of the year under a candidate scheme, beside its current result. */
export async function whatIf(db: Db, user: SessionUser, year: number, candidate: Scheme) {
  return (await loadYearBundles(db, { user, year })).map((bundle) => {
    const current = scoreStored(bundle).result;
    const next = scoreStored(bundle, { scheme: candidate }).result;
    return {
      id: bundle.evaluation.id,
      project: bundle.project.name,
      department: bundle.departmentName,
      status: bundle.evaluation.status,
      hasData: bundle.results.size > 0 && [...bundle.results.values()].some((r) => r.actual !== null),
      current: { total: current.finalTotal, grade: current.finalGrade },
      next: {
        total: next.finalTotal,
        grade: next.finalGrade,
        errors: next.errors.map((e) => e.message),
        // What the second-edition settings did: the cap in force and the rows the over-achievement deduction hit.
        cap: next.cap,
        totalBeforeCap: next.finalTotalBeforeCap,
        deductedRows: next.indicators.filter((i) => i.overAchievementDeduction !== '0').length,
      },
    };
  });
}

export const whatIfOperation = defineOperation({
  name: 'whatIf',
  schema: z.object({ year: yearNumber, scheme: schemeFormSchema }),
  roles: ['finance', 'admin'],
  async run(input, { db, user }) {
    const resolved = resolveSchemeForm(input.scheme);
    if (!resolved.ok) return fail('invalid', '评分方案设置有误，请按提示修改', resolved.fieldErrors);
    return ok({ rows: await whatIf(db, user, input.year, resolved.scheme) });
  },
});

/** Finance sets a year's scheme (while nothing is submitted), its open/closed state and its deadline. */
export const updateYearOperation = defineOperation({
  name: 'updateYear',
  schema: yearSettingsSchema,
  roles: ['finance', 'admin'],
  async run(input, { db, user }) {
    const year = await findYear(db, { year: input.year });
    if (!year) return fail('not_found', '没有该年度');
    const resolved = resolveSchemeForm(input.scheme);
    if (!resolved.ok) return fail('invalid', '评分方案设置有误，请按提示修改', resolved.fieldErrors);
    const schemeChanged = JSON.stringify(year.scheme) !== JSON.stringify(resolved.stored);
    if (schemeChanged && (await countSubmitted(db, { year: input.year })) > 0) {
      return fail('state', '本年度已有自评提交，评分方案不能再修改（状态和截止日期仍可修改）', {
        'scheme._': '已有自评提交，方案已锁定',
      });
    }
    const deadline = input.deadline || null;
    const claimed = await transaction(db, async (tx) => {
      if (!(await claimVersion(tx, { record: 'year', id: input.year, expected: input.version }))) return false;
      await updateYear(tx, { year: input.year, changes: { scheme: resolved.stored, status: input.status, deadline } });
      const changes = [
        ['评分方案', JSON.stringify(year.scheme), JSON.stringify(resolved.stored)],
        ['状态', year.status === 'open' ? '开放' : '关闭', input.status === 'open' ? '开放' : '关闭'],
        ['截止日期', year.deadline ?? '', deadline ?? ''],
      ].filter(([, a, b]) => a !== b);
      if (changes.length > 0) {
        await insertAuditEntries(tx, {
          actorId: user.id,
          action: 'year_settings',
          changes: changes.map(([field, oldValue, newValue]) => ({
            entityType: 'year' as const,
            entityId: input.year,
            field: `${input.year}年度 ${field}`,
            oldValue: oldValue || null,
            newValue: newValue || null,
          })),
        });
      }
      // Cached scores in lists and exports follow the new scheme at once.
      if (schemeChanged) {
        // Only evaluations someone has saved carry cached scores; untouched ones stay blank, not 0 / 差.
        const saved = (await loadYearBundles(tx, { user, year: input.year })).filter(
          (b) => b.evaluation.selfScore !== null,
        );
        for (const bundle of saved) {
          const { result } = scoreStored(bundle, { scheme: resolved.scheme });
          await writeEvaluation(tx, {
            evaluationId: bundle.evaluation.id,
            ...cachedScores(bundle, result, resolved.scheme),
            figuresLater: true,
          });
        }
        await refreshFiguresOfYear(tx, { year: input.year });
      }
      return true;
    });
    if (!claimed) return fail('conflict', staleMessage(`${input.year} 年度设置`));
    return ok(null, '已保存年度设置');
  },
});
