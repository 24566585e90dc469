import 'server-only';
import { z } from 'zod';
import { transaction, type Db } from '@/db';
import { insertAuditEntries } from '@/db/queries/audit';
import { refreshFiguresOfYear } from '@/db/queries/department-figures';
import { listIndicators } from '@/db/queries/projects';
import { insertProject } from '@/db/queries/targets';
import { countProjectsOfYear, findYear, insertYear, listRolloverProjects } from '@/db/queries/years';
import { defineOperation, fail, ok } from '@/lib/operations';

type RolloverRow = Awaited<ReturnType<typeof listRolloverProjects>>[number];

/** Only an owner who still is one, active and in the project's department, is carried over. */
const carriedOwner = ({ project, owner }: RolloverRow) =>
  owner && owner.active && owner.role === 'owner' && owner.departmentId === project.departmentId ? owner : null;

/**
 * Next year's cycle in one step: the year's departments, projects, owners and targets copied into
 * year + 1 with the same scheme; evaluations start empty.
 */
export async function planRollover(db: Db, fromYear: number) {
  const toYear = fromYear + 1;
  const source = await findYear(db, { year: fromYear });
  if (!source) return { fromYear, toYear, projects: [], rows: [], blocked: `没有 ${fromYear} 年度` };
  const existing = await countProjectsOfYear(db, { year: toYear });
  const rows = await listRolloverProjects(db, { year: fromYear });
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
    rows,
    projects: rows.map((row) => ({
      id: row.project.id,
      name: row.project.name,
      department: row.department,
      budgetTotalFen: row.project.budgetTotalFen,
      indicators: row.indicators,
      owner: carriedOwner(row)?.name ?? null,
    })),
  };
}

export const rolloverOperation = defineOperation({
  name: 'rollover',
  schema: z.object({ fromYear: z.coerce.number().int().min(2000).max(2099) }),
  roles: ['finance', 'admin'],
  run: ({ fromYear }, { db, user }) =>
    // Planned again inside the transaction: two roll-forwards at once must not both copy the year.
    transaction(db, async (tx) => {
      const plan = await planRollover(tx, fromYear);
      if (plan.blocked) return fail('state', plan.blocked);
      const toYear = plan.toYear;
      await insertYear(tx, { year: toYear, scheme: plan.scheme ?? 'national' });
      const rows = [...plan.rows].sort((a, b) => a.project.position - b.project.position);
      for (const row of rows) {
        const { id, year: _year, departmentId, ownerId, createdAt: _createdAt, ...project } = row.project;
        const indicators = (await listIndicators(tx, { projectId: id })).map(
          ({ id: _id, projectId: _from, ...definition }) => definition,
        );
        await insertProject(tx, {
          year: toYear,
          departmentId,
          ownerId: carriedOwner(row) ? ownerId : null,
          project,
          indicators,
          figuresLater: true,
        });
      }
      await refreshFiguresOfYear(tx, { year: toYear });
      await insertAuditEntries(tx, {
        actorId: user.id,
        action: 'rollover',
        changes: [
          {
            entityType: 'year',
            entityId: toYear,
            field: `${fromYear} → ${toYear} 年度结转`,
            oldValue: null,
            newValue: `${rows.length} 个项目`,
          },
        ],
      });
      return ok(
        { toYear, projects: plan.projects.length },
        `已创建 ${toYear} 年度：${plan.projects.length} 个项目，自评均为空白草稿`,
      );
    }),
});
