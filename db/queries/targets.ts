import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { firstRow, groupBy } from '../rows';
import { evaluations, indicators, projects, targetImports, type NewIndicator, type NewProject } from '../schema';
import { refreshDepartmentFigures, refreshFiguresOfProjects } from './department-figures';
import { findDepartmentById } from './departments';
import { indicatorsOfProjects } from './projects';
import type { Db } from '../sqlite';

/** A project's own columns as a target table gives them. */
export type ProjectTargets = Pick<
  NewProject,
  | 'name'
  | 'implementingUnit'
  | 'goal'
  | 'budgetTotalFen'
  | 'budgetFiscalFen'
  | 'budgetSpecialFen'
  | 'budgetOtherFen'
  | 'position'
>;
export type IndicatorTargets = Omit<NewIndicator, 'id' | 'projectId'>;

/** How a re-imported table finds the project it imported before: same year, department and name. */
export function findProjectByName(
  db: Db,
  { year, departmentId, name }: { year: number; departmentId: number; name: string },
) {
  return firstRow(
    db
      .select()
      .from(projects)
      .where(and(eq(projects.year, year), eq(projects.departmentId, departmentId), eq(projects.name, name)))
      .limit(1),
  );
}

export function findEvaluationOfProject(db: Db, { projectId }: { projectId: number }) {
  return firstRow(
    db
      .select({ id: evaluations.id, status: evaluations.status, version: evaluations.version })
      .from(evaluations)
      .where(eq(evaluations.projectId, projectId))
      .limit(1),
  );
}

/**
 * A new project with its indicators and its (empty) evaluation: every project has an evaluation
 * from the start, so it has an id in lists and the API. Its department's stored figures follow,
 * unless the caller writes many and computes them once after (`figuresLater`).
 */
export async function insertProject(
  tx: Db,
  args: {
    year: number;
    departmentId: number;
    ownerId?: number | null;
    project: ProjectTargets;
    indicators: IndicatorTargets[];
    figuresLater?: boolean;
  },
): Promise<number> {
  const [{ id }] = await tx
    .insert(projects)
    .values({
      ...args.project,
      year: args.year,
      departmentId: args.departmentId,
      ownerId: args.ownerId ?? null,
      indicatorCount: args.indicators.length,
    })
    .returning({ id: projects.id });
  await insertIndicators(tx, id, args.indicators);
  await tx.insert(evaluations).values({ projectId: id });
  if (!args.figuresLater) await refreshDepartmentFigures(tx, { year: args.year, departmentIds: [args.departmentId] });
  return id;
}

/** Replaces a project's indicators, and some of its own columns, wholesale. */
export async function replaceTargets(
  tx: Db,
  {
    projectId,
    project,
    indicators: rows,
    expectedVersion,
    figuresLater = false,
  }: {
    projectId: number;
    project: Partial<ProjectTargets>;
    indicators: IndicatorTargets[];
    /** The version the editor's form was opened at: false, and nothing written, when the project has moved on. */
    expectedVersion?: number;
    /** As insertProject's. */
    figuresLater?: boolean;
  },
): Promise<boolean> {
  // The project's version moves with every change of its targets, an import's as well as the editor's.
  const claimed = await tx
    .update(projects)
    .set({ ...project, indicatorCount: rows.length, version: sql`${projects.version} + 1` })
    .where(
      and(
        eq(projects.id, projectId),
        expectedVersion === undefined ? undefined : eq(projects.version, expectedVersion),
      ),
    )
    .returning({ id: projects.id });
  if (claimed.length === 0) return false;
  await tx.delete(indicators).where(eq(indicators.projectId, projectId));
  await insertIndicators(tx, projectId, rows);
  // Its budget is in its department's figures.
  if (!figuresLater) await refreshFiguresOfProjects(tx, { projectIds: [projectId] });
  return true;
}

async function insertIndicators(tx: Db, projectId: number, rows: IndicatorTargets[]) {
  if (rows.length > 0) await tx.insert(indicators).values(rows.map((row) => ({ ...row, projectId })));
}

/** A department's projects of a year with their indicators, in table order: what its target table holds. */
export async function loadTargetTable(db: Db, { year, departmentId }: { year: number; departmentId: number }) {
  const department = await findDepartmentById(db, { id: departmentId });
  if (!department) return null;
  const where = and(eq(projects.year, year), eq(projects.departmentId, departmentId));
  const projectRows = await db.select().from(projects).where(where).orderBy(asc(projects.position), asc(projects.id));
  const byProject = groupBy(await indicatorsOfProjects(db, { where }), (row) => row.projectId);
  return {
    department,
    projects: projectRows.map((project) => ({ ...project, indicators: byProject.get(project.id) ?? [] })),
  };
}

/** Keeps the source of a confirmed import (text, or the workbook in base64). */
export async function insertTargetImport(
  tx: Db,
  record: { year: number; sourceName: string; sourceText: string; createdById: number },
): Promise<number> {
  const [{ id }] = await tx.insert(targetImports).values(record).returning({ id: targetImports.id });
  return id;
}
