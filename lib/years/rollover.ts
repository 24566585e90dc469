import { asc, count, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { departments, evaluations, evaluationYears, indicators, projects, users } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
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
      ownerRole: users.role,
      ownerDepartmentId: users.departmentId,
      departmentId: projects.departmentId,
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
  const blocked =
    existing > 0
      ? `${toYear} 年度已有 ${existing} 个项目，不能再次结转`
      : rows.length === 0
        ? `${fromYear} 年度没有项目`
        : null;
  return {
    fromYear,
    toYear,
    blocked,
    scheme: source.scheme,
    projects: rows.map((r) => ({
      ...r,
      owner: r.ownerActive && r.ownerRole === 'owner' && r.ownerDepartmentId === r.departmentId ? r.owner : null,
    })),
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
        tx.insert(evaluationYears)
          .values({ year: toYear, scheme: plan.scheme ?? 'national', status: 'open' })
          .run();
      }
      const sourceProjects = tx
        .select()
        .from(projects)
        .where(eq(projects.year, fromYear))
        .orderBy(asc(projects.position))
        .all();
      const ownerIds = sourceProjects.flatMap((p) => (p.ownerId === null ? [] : [p.ownerId]));
      const owners = new Map(
        tx
          .select()
          .from(users)
          .where(inArray(users.id, ownerIds))
          .all()
          .map((u) => [u.id, u]),
      );
      const stillOwns = (ownerId: number | null, departmentId: number) => {
        const owner = ownerId === null ? undefined : owners.get(ownerId);
        return Boolean(owner && owner.active && owner.role === 'owner' && owner.departmentId === departmentId);
      };
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
            // Only an owner who still is one, active and in the same department, is carried over.
            ownerId: stillOwns(p.ownerId, p.departmentId) ? p.ownerId : null,
          })
          .returning({ id: projects.id })
          .get();
        const rows = tx
          .select()
          .from(indicators)
          .where(eq(indicators.projectId, p.id))
          .orderBy(asc(indicators.position))
          .all();
        if (rows.length > 0)
          tx.insert(indicators)
            .values(
              rows.map(({ id: _id, projectId: _from, ...definition }) => ({ ...definition, projectId: created.id })),
            )
            .run();
        tx.insert(evaluations).values({ projectId: created.id }).run();
      }
      writeAudit(tx, {
        actorId: user.id,
        action: 'rollover',
        changes: [
          {
            entityType: 'year',
            entityId: toYear,
            field: `${fromYear} → ${toYear} 年度结转`,
            oldValue: null,
            newValue: `${sourceProjects.length} 个项目`,
          },
        ],
      });
    });
    return ok(
      { toYear, projects: plan.projects.length },
      `已创建 ${toYear} 年度：${plan.projects.length} 个项目，自评均为空白草稿`,
    );
  },
});
