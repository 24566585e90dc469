import { and, eq, inArray, is, isNotNull } from 'drizzle-orm';
import { TransactionRollbackError } from 'drizzle-orm/errors';
import type { Db } from '../index';
import { auditLog, departments, evaluationYears, evaluations, indicatorResults, indicators, projects, type NewIndicator } from '../schema';
import type { ParsedProject, ParsedTable } from '../../lib/targets/parse-target-table';
import { summarizeTable, type ImportReport } from '../../lib/targets/import-report';

export interface ImportOutcome extends ImportReport {
  dryRun: boolean;
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Projects whose evaluation has started keep their targets. */
  kept: Array<{ project: string; reason: string }>;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Writes a parsed target table into a year. Idempotent: the same table twice leaves one copy;
 * a re-import updates projects without evaluation data and reports the rest.
 */
export function importTargetTable(db: Db, args: { table: ParsedTable; year: number; actorId?: number | null; dryRun?: boolean; departmentId?: number }): ImportOutcome {
  const { table, year, actorId = null, dryRun = false } = args;
  const outcome: ImportOutcome = { ...summarizeTable(table, year), dryRun, created: [], updated: [], unchanged: [], kept: [] };
  // The published table's 部门名称 may differ from the department's name here; the importer may choose.
  const chosen = args.departmentId === undefined ? undefined : db.select().from(departments).where(eq(departments.id, args.departmentId)).get();
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
      if (sameAsStored(tx, existing.id, parsed)) {
        outcome.unchanged.push(parsed.name);
        return;
      }
      tx.delete(indicators).where(eq(indicators.projectId, existing.id)).run();
      tx.update(projects).set(projectFields(parsed, position, table.implementingUnit)).where(eq(projects.id, existing.id)).run();
      insertIndicators(tx, existing.id, parsed);
      tx.insert(auditLog).values({ actorId, entityType: 'project', entityId: existing.id, action: 'targets_reimported', newValue: parsed.name }).run();
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

function insertProject(tx: Tx, args: { parsed: ParsedProject; year: number; departmentId: number; position: number; unit: string; actorId: number | null }) {
  const { id } = tx
    .insert(projects)
    .values({ ...projectFields(args.parsed, args.position, args.unit), year: args.year, departmentId: args.departmentId })
    .returning({ id: projects.id })
    .get();
  insertIndicators(tx, id, args.parsed);
  // Every project has its (empty) evaluation from the start, so it has an id in lists and the API.
  tx.insert(evaluations).values({ projectId: id }).run();
  tx.insert(auditLog).values({ actorId: args.actorId, entityType: 'project', entityId: id, action: 'targets_imported', newValue: args.parsed.name }).run();
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

/** Started = anything an evaluator did: a transition, or any value entered. */
export function evaluationStarted(tx: Pick<Db, 'select'>, projectId: number): boolean {
  const evaluation = tx.select().from(evaluations).where(eq(evaluations.projectId, projectId)).get();
  if (!evaluation) return false;
  if (evaluation.status !== 'draft' || evaluation.budgetExecutedFen !== null || evaluation.goalActual !== '') return true;
  const entered = tx
    .select({ id: indicatorResults.id })
    .from(indicatorResults)
    .where(and(eq(indicatorResults.evaluationId, evaluation.id), isNotNull(indicatorResults.actual)))
    .limit(1)
    .get();
  return Boolean(entered);
}

function sameAsStored(tx: Tx, projectId: number, parsed: ParsedProject): boolean {
  const project = tx.select().from(projects).where(eq(projects.id, projectId)).get();
  if (!project) return false;
  const stored = tx.select().from(indicators).where(inArray(indicators.projectId, [projectId])).orderBy(indicators.position).all();
  const fresh = indicatorRows(projectId, parsed);
  const key = (r: NewIndicator) => JSON.stringify([r.position, r.level1Code, r.level2Code, r.name, r.periodTargetText, r.annualTargetText, r.points ?? null]);
  return (
    project.goal === parsed.goal &&
    project.budgetTotalFen === parsed.budget.totalFen &&
    project.budgetFiscalFen === parsed.budget.fiscalFen &&
    stored.length === fresh.length &&
    stored.every((row, i) => key(row) === key(fresh[i]))
  );
}
