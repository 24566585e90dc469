import { and, count, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { loadYearBundles } from '@/db/queries/evaluations';
import { evaluations, evaluationYears, projects } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import type { SessionUser } from '@/lib/auth/scope';
import { storeScores } from '@/lib/evaluations/persist';
import { scoreStored } from '@/lib/evaluations/sheet';
import { defineOperation, fail, ok } from '@/lib/operations';
import type { Scheme } from '@/lib/scoring';
import { resolveSchemeForm, schemeFormSchema, yearNumber, yearSettingsSchema } from './scheme-form';

/** Submitted evaluations were scored under the current scheme: from then on it stays. */
export function submittedCount(db: Pick<Db, 'select'>, year: number): number {
  return (
    db
      .select({ n: count() })
      .from(evaluations)
      .innerJoin(projects, eq(projects.id, evaluations.projectId))
      .where(and(eq(projects.year, year), ne(evaluations.status, 'draft')))
      .get()?.n ?? 0
  );
}

/** Every evaluation of the year under a candidate scheme, beside its current result. */
export function whatIf(db: Db, user: SessionUser, year: number, candidate: Scheme) {
  return loadYearBundles(db, { user, year }).map((bundle) => {
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
  run(input, { db, user }) {
    const resolved = resolveSchemeForm(input.scheme);
    if (!resolved.ok) return fail('invalid', '评分方案设置有误，请按提示修改', resolved.fieldErrors);
    return ok({ rows: whatIf(db, user, input.year, resolved.scheme) });
  },
});

/** Finance sets a year's scheme (while nothing is submitted), its open/closed state and its deadline. */
export const updateYearOperation = defineOperation({
  name: 'updateYear',
  schema: yearSettingsSchema,
  roles: ['finance', 'admin'],
  run(input, { db, user }) {
    const year = db.select().from(evaluationYears).where(eq(evaluationYears.year, input.year)).get();
    if (!year) return fail('not_found', '没有该年度');
    const resolved = resolveSchemeForm(input.scheme);
    if (!resolved.ok) return fail('invalid', '评分方案设置有误，请按提示修改', resolved.fieldErrors);
    const schemeChanged = JSON.stringify(year.scheme) !== JSON.stringify(resolved.stored);
    if (schemeChanged && submittedCount(db, input.year) > 0) {
      return fail('state', '本年度已有自评提交，评分方案不能再修改（状态和截止日期仍可修改）', {
        'scheme._': '已有自评提交，方案已锁定',
      });
    }
    const deadline = input.deadline || null;
    db.transaction((tx) => {
      tx.update(evaluationYears)
        .set({ scheme: resolved.stored, status: input.status, deadline })
        .where(eq(evaluationYears.year, input.year))
        .run();
      const changes = [
        ['评分方案', JSON.stringify(year.scheme), JSON.stringify(resolved.stored)],
        ['状态', year.status === 'open' ? '开放' : '关闭', input.status === 'open' ? '开放' : '关闭'],
        ['截止日期', year.deadline ?? '', deadline ?? ''],
      ].filter(([, a, b]) => a !== b);
      if (changes.length > 0) {
        writeAudit(tx, {
          actorId: user.id,
          action: 'year_settings',
          changes: changes.map(([field, oldValue, newValue]) => ({
            entityType: 'year',
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
        for (const bundle of loadYearBundles(tx as unknown as Db, { user, year: input.year }).filter(
          (b) => b.evaluation.selfScore !== null,
        )) {
          const { result } = scoreStored(bundle, { scheme: resolved.scheme });
          storeScores(tx, {
            evaluationId: bundle.evaluation.id,
            indicatorIds: bundle.indicators.map((i) => i.id),
            result,
          });
        }
      }
    });
    return ok(null, '已保存年度设置');
  },
});
