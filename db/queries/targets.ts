import { and, eq, inArray, is } from 'drizzle-orm';
import { TransactionRollbackError } from 'drizzle-orm/errors';
import { writeAudit } from '../../lib/audit';
import { summarizeTable, type ImportReport } from '../../lib/targets/import-report';
import { departments, evaluationYears, evaluations, indicators, projects, type NewIndicator } from '../schema';
import type { ParsedProject, ParsedTable } from '../../lib/targets/parse-target-table';
import type { Db, Tx } from '../index';

export interface ImportOutcome extends ImportReport {
  dryRun: boolean;
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Projects whose evaluation has started keep their targets. */
  kept: Array<{ project: string; reason: string }>;
}

/**
 * Writes a parsed target table into a year. Idempotent: the same table twice leaves one copy;
 * a re-import updates projects without evaluation data and reports the rest.
 */
export function importTargetTable(
  db: Db,
  args: { table: ParsedTable; year: number; actorId?: number | null; dryRun?: boolean; departmentId?: number },
): ImportOutcome {
  const { table, year, actorId = null, dryRun = false } = args;
  const outcome: ImportOutcome = {
    ...summarizeTable(table, year),
    dryRun,
    created: [],
    updated: [],
    unchanged: [],
    kept: [],
  };
  // The published table's 部门名称 may differ from the department's name here; the importer may choose.
  const chosen =
    args.departmentId === undefined
      ? undefined
      : db.select().from(departments).where(eq(departments.id, args.departmentId)).get();
  if (chosen) outcome.department = chosen.name;

  const run = (tx: Tx) => {
    if (!tx.select().from(evaluationYears).where(eq(evaluationYears.year, year)).get()) {
      tx.insert(evaluationYears).values({ year, scheme: 'national' }).run();
    }
    const departmentId = chosen?.id ?? ensureDepartment(tx, table.department);
    table.projects.forEach((parsed, position) => {
      const existing = tx
        .select()
        .from(projects)
        .where(and(eq(projects.year, year), eq(projects.departmentId, departmentId), eq(projects.name, parsed.name)))
        .get();
      if (!existing) {
        insertProject(tx, { parsed, year, departmentId, position, unit: table.implementingUnit, actorId });
        outcome.created.push(parsed.name);
        return;
      }
      if (evaluationStarted(tx, existing.id)) {
        outcome.kept.push({ project: parsed.name, reason: '该项目的自评已开始，保留原绩效目标' });
        return;
      }
      if (sameAsStored(tx, existing.id, parsed, table.implementingUnit)) {
        outcome.unchanged.push(parsed.name);
        return;
      }
      const before = tx
        .select()
        .from(indicators)
        .where(eq(indicators.projectId, existing.id))
        .orderBy(indicators.position)
        .all();
      tx.delete(indicators).where(eq(indicators.projectId, existing.id)).run();
      tx.update(projects)
        .set(projectFields(parsed, position, table.implementingUnit))
        .where(eq(projects.id, existing.id))
        .run();
      insertIndicators(tx, existing.id, parsed);
      const after = indicatorRows(existing.id, parsed);
      writeAudit(tx, {
        actorId,
        action: 'targets_reimported',
        changes: [
          {
            entityType: 'project',
            entityId: existing.id,
            field: '绩效指标（重新导入）',
            oldValue: targetsSummary(before),
            newValue: targetsSummary(after),
          },
        ],
      });
      outcome.updated.push(parsed.name);
    });
    if (dryRun) tx.rollback();
  };

  try {
    db.transaction(run);
  } catch (error) {
    // drizzle signals a deliberate rollback by throwing; a dry run ends that way on purpose. `is` rather
    // than instanceof: the bundler may hold two copies of drizzle's error classes.
    if (!(dryRun && is(error, TransactionRollbackError))) throw error;
  }
  return outcome;
}

function ensureDepartment(tx: Tx, name: string): number {
  const found = tx.select({ id: departments.id }).from(departments).where(eq(departments.name, name)).get();
  if (found) return found.id;
  return tx.insert(departments).values({ name }).returning({ id: departments.id }).get().id;
}

function projectFields(parsed: ParsedProject, position: number, implementingUnit: string) {
  return {
    name: parsed.name,
    implementingUnit,
    goal: parsed.goal,
    budgetTotalFen: parsed.budget.totalFen,
    budgetFiscalFen: parsed.budget.fiscalFen,
    budgetSpecialFen: parsed.budget.specialFen,
    budgetOtherFen: parsed.budget.otherFen,
    position,
  };
}

function insertProject(
  tx: Tx,
  args: {
    parsed: ParsedProject;
    year: number;
    departmentId: number;
    position: number;
    unit: string;
    actorId: number | null;
  },
) {
  const { id } = tx
    .insert(projects)
    .values({
      ...projectFields(args.parsed, args.position, args.unit),
      year: args.year,
      departmentId: args.departmentId,
    })
    .returning({ id: projects.id })
    .get();
  insertIndicators(tx, id, args.parsed);
  // Every project has its (empty) evaluation from the start, so it has an id in lists and the API.
  tx.insert(evaluations).values({ projectId: id }).run();
  writeAudit(tx, {
    actorId: args.actorId,
    action: 'targets_imported',
    changes: [
      {
        entityType: 'project',
        entityId: id,
        field: '绩效目标表导入',
        oldValue: null,
        newValue: targetsSummary(indicatorRows(id, args.parsed)),
      },
    ],
  });
}

function indicatorRows(projectId: number, parsed: ParsedProject): NewIndicator[] {
  return parsed.indicators.map((ind) => ({
    projectId,
    position: ind.position,
    level1Code: ind.level1Code,
    level1Name: ind.level1Name,
    level2Code: ind.level2Code,
    level2Name: ind.level2Name,
    name: ind.name,
    periodTargetText: ind.periodTargetText,
    annualTargetText: ind.annualTargetText,
    parsedTarget: ind.target,
    points: ind.points ?? null,
    warnings: ind.warnings,
  }));
}

function insertIndicators(tx: Tx, projectId: number, parsed: ParsedProject) {
  const rows = indicatorRows(projectId, parsed);
  if (rows.length > 0) tx.insert(indicators).values(rows).run();
}

/**
 * Started = anything an evaluator did: any save (the version moves past 1) or any transition.
 * Replacing the indicators of a started evaluation would drop its saved results with them.
 */
export function evaluationStarted(tx: Pick<Db, 'select'>, projectId: number): boolean {
  const evaluation = tx
    .select({ status: evaluations.status, version: evaluations.version })
    .from(evaluations)
    .where(eq(evaluations.projectId, projectId))
    .get();
  return Boolean(evaluation && (evaluation.status !== 'draft' || evaluation.version > 1));
}

function sameAsStored(tx: Tx, projectId: number, parsed: ParsedProject, implementingUnit: string): boolean {
  const project = tx.select().from(projects).where(eq(projects.id, projectId)).get();
  if (!project) return false;
  const stored = tx
    .select()
    .from(indicators)
    .where(inArray(indicators.projectId, [projectId]))
    .orderBy(indicators.position)
    .all();
  const fresh = indicatorRows(projectId, parsed);
  const key = (r: NewIndicator) =>
    JSON.stringify([
      r.position,
      r.level1Code,
      r.level2Code,
      r.level2Name,
      r.name,
      r.periodTargetText,
      r.annualTargetText,
      r.points ?? null,
    ]);
  return (
    project.goal === parsed.goal &&
    project.implementingUnit === implementingUnit &&
    project.budgetTotalFen === parsed.budget.totalFen &&
    project.budgetFiscalFen === parsed.budget.fiscalFen &&
    project.budgetSpecialFen === parsed.budget.specialFen &&
    project.budgetOtherFen === parsed.budget.otherFen &&
    stored.length === fresh.length &&
    stored.every((row, i) => key(row) === key(fresh[i]))
  );
}

/** `1. 名称：≥98%（15分）` a line per indicator: the before and after of a target change in the audit log. */
export function targetsSummary(
  rows: Array<{ name: string; annualTargetText: string; points?: string | null }>,
): string {
  return rows
    .map((r, i) => `${i + 1}. ${r.name}：${r.annualTargetText}${r.points ? `（${r.points}分）` : ''}`)
    .join('\n');
}
