import { asc, count, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { auditLog, departments, evaluations, evaluationYears, indicators, projects, users } from '@/db/schema';
import { defineOperation, fail, ok } from '@/lib/operations';

/**
 * Next year's cycle in one step: the year's departments, projects, owners and targets copied into
 * year + 1 with the same scheme; evaluations start empty.
 */
export function planRollover(db: Pick<Db, 'select'>, fromYear: number) {
  const toYear = fromYear + 1;
  const source = db.select().from(evaluationYears).where(eq(evaluationYears.year, fromYear)).get();
  if (!source) return { fromYear, toYear, projects: [], blocked: `没有 ${fromYear} 年度` };
  const existing = db.select({ n: count() }).from(projects).where(eq(projects.year, toYear)).get()?.n ?? 0;
  const rows = db
    .select({
      id: projects.id,
      name: projects.name,
      department: departments.name,
      budgetTotalFen: projects.budgetTotalFen,
      owner: users.displayName,
      ownerActive: users.active,
      indicators: count(indicators.id),
    })
    .from(projects)
    .innerJoin(departments, eq(departments.id, projects.departmentId))
    .leftJoin(users, eq(users.id, projects.ownerId))
    .leftJoin(indicators, eq(indicators.projectId, projects.id))
    .where(eq(projects.year, fromYear))
    .groupBy(projects.id)
    .orderBy(asc(departments.name), asc(projects.position))
    .all();
  const blocked = existing > 0 ? `${toYear} 年度已有 ${existing} 个项目，不能再次结转` : rows.length === 0 ? `${fromYear} 年度没有项目` : null;
  return {
    fromYear,
    toYear,
    blocked,
    scheme: source.scheme,
    projects: rows.map((r) => ({ ...r, owner: r.ownerActive ? r.owner : null })),
  };
}

export const rolloverOperation = defineOperation({
  name: 'rollover',
  schema: z.object({ fromYear: z.coerce.number().int().min(2000).max(2099) }),
  roles: ['finance', 'admin'],
  run({ fromYear }, { db, user }) {
    const plan = planRollover(db, fromYear);
    if (plan.blocked) return fail('state', plan.blocked);
    const toYear = plan.toYear;
    db.transaction((tx) => {
      if (!tx.select().from(evaluationYears).where(eq(evaluationYears.year, toYear)).get()) {
        tx.insert(evaluationYears).values({ year: toYear, scheme: plan.scheme ?? 'national', status: 'open' }).run();
      }
      const sourceProjects = tx.select().from(projects).where(eq(projects.year, fromYear)).orderBy(asc(projects.position)).all();
      const ownerIds = sourceProjects.flatMap((p) => (p.ownerId === null ? [] : [p.ownerId]));
      const activeOwners = new Set(
        tx
          .select({ id: users.id, active: users.active })
          .from(users)
          .where(inArray(users.id, ownerIds))
          .all()
          .filter((u) => u.active)
          .map((u) => u.id),
      );
      for (const p of sourceProjects) {
        const created = tx
          .insert(projects)
          .values({
            year: toYear,
            departmentId: p.departmentId,
            implementingUnit: p.implementingUnit,
            name: p.name,
            goal: p.goal,
            budgetTotalFen: p.budgetTotalFen,
            budgetFiscalFen: p.budgetFiscalFen,
            budgetSpecialFen: p.budgetSpecialFen,
            budgetOtherFen: p.budgetOtherFen,
            position: p.position,
            // A deactivated owner is not carried over; the administrator assigns someone else.
            ownerId: p.ownerId !== null && activeOwners.has(p.ownerId) ? p.ownerId : null,
          })
          .returning({ id: projects.id })
          .get();
        const rows = tx.select().from(indicators).where(eq(indicators.projectId, p.id)).orderBy(asc(indicators.position)).all();
        if (rows.length > 0) {
          tx.insert(indicators)
            .values(
              rows.map((ind) => ({
                projectId: created.id,
                position: ind.position,
                level1Code: ind.level1Code,
                level1Name: ind.level1Name,
                level2Code: ind.level2Code,
                level2Name: ind.level2Name,
                name: ind.name,
                periodTargetText: ind.periodTargetText,
                annualTargetText: ind.annualTargetText,
                parsedTarget: ind.parsedTarget,
                points: ind.points,
                warnings: ind.warnings,
              })),
            )
            .run();
        }
        tx.insert(evaluations).values({ projectId: created.id }).run();
      }
      tx.insert(auditLog)
        .values({ actorId: user.id, entityType: 'year', entityId: toYear, action: 'rollover', field: `${fromYear} → ${toYear} 年度结转`, newValue: `${sourceProjects.length} 个项目` })
        .run();
    });
    return ok({ toYear, projects: plan.projects.length }, `已创建 ${toYear} 年度：${plan.projects.length} 个项目，自评均为空白草稿`);
  },
});
