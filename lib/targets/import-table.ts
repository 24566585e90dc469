import 'server-only';
import { transaction, type Db } from '@/db';
import { hasAttachments } from '@/db/queries/attachments';
import { insertAuditEntries } from '@/db/queries/audit';
import { refreshDepartmentFigures } from '@/db/queries/department-figures';
import { ensureDepartment, findDepartmentById } from '@/db/queries/departments';
import { listIndicators } from '@/db/queries/projects';
import {
  findEvaluationOfProject,
  findProjectByName,
  insertProject,
  replaceTargets,
  type IndicatorTargets,
  type ProjectTargets,
} from '@/db/queries/targets';
import { insertYear } from '@/db/queries/years';
import type { Project } from '@/db/schema';
import { summarizeTable, type ImportReport } from './import-report';
import { indicatorTexts } from './table-types';
import type { ParsedProject, ParsedTable } from './parse-target-table';

/**
 * The database driver answers synchronously, so a table of thousands of projects would hold the
 * server's one thread for seconds: after this much work the import lets other requests run (their
 * reads see the last commit; their writes wait for this transaction). Short, because a page that
 * waits several times in its rendering waits this long each time.
 */
const YIELD_AFTER_MS = 5;
const nextTurnOfEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

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
 * a re-import updates projects without evaluation data and reports the rest. A dry run does all of
 * it and rolls it back, so its report is exactly what the import would do.
 */
export async function importTargetTable(
  db: Db,
  args: { table: ParsedTable; year: number; actorId?: number | null; dryRun?: boolean; departmentId?: number },
): Promise<ImportOutcome> {
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
  const chosen = args.departmentId === undefined ? undefined : await findDepartmentById(db, { id: args.departmentId });
  if (chosen) outcome.department = chosen.name;
  const audit = (
    tx: Db,
    action: 'targets_imported' | 'targets_reimported',
    entityId: number,
    field: string,
    from: string | null,
    to: string,
  ) =>
    insertAuditEntries(tx, {
      actorId,
      action,
      changes: [{ entityType: 'project', entityId, field, oldValue: from, newValue: to }],
    });

  const write = async (tx: Db) => {
    await insertYear(tx, { year, scheme: 'national' });
    const departmentId = chosen?.id ?? (await ensureDepartment(tx, { name: table.department }));
    let worked = performance.now();
    for (const [position, parsed] of table.projects.entries()) {
      if (performance.now() - worked > YIELD_AFTER_MS) {
        await nextTurnOfEventLoop();
        worked = performance.now();
      }
      const project = projectTargets(parsed, position, table.implementingUnit);
      const indicators = indicatorTargets(parsed);
      const existing = await findProjectByName(tx, { year, departmentId, name: parsed.name });
      if (!existing) {
        const id = await insertProject(tx, { year, departmentId, project, indicators, figuresLater: true });
        await audit(tx, 'targets_imported', id, '绩效目标表导入', null, targetsSummary(indicators));
        outcome.created.push(parsed.name);
      } else if (await evaluationStarted(tx, existing.id)) {
        outcome.kept.push({ project: parsed.name, reason: '该项目的自评已开始，保留原绩效目标' });
      } else {
        const before = await listIndicators(tx, { projectId: existing.id });
        if (sameAsStored(existing, before, project, indicators)) {
          outcome.unchanged.push(parsed.name);
          continue;
        }
        await replaceTargets(tx, { projectId: existing.id, project, indicators, figuresLater: true });
        const summaries = [targetsSummary(before), targetsSummary(indicators)] as const;
        await audit(tx, 'targets_reimported', existing.id, '绩效指标（重新导入）', ...summaries);
        outcome.updated.push(parsed.name);
      }
    }
    await refreshDepartmentFigures(tx, { year, departmentIds: [departmentId] });
  };
  // A table that cannot be imported as read (a header taken for a project…) writes nothing, not even in a dry run.
  if (outcome.blocking.length > 0) return outcome;
  await transaction(db, write, { rollback: dryRun });
  return outcome;
}

export function projectTargets(parsed: ParsedProject, position: number, implementingUnit: string): ProjectTargets {
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

export function indicatorTargets(parsed: ParsedProject): IndicatorTargets[] {
  return parsed.indicators.map((ind) => ({
    position: ind.position,
    ...indicatorTexts(ind),
    parsedTarget: ind.target,
    points: ind.points ?? null,
    warnings: ind.warnings,
  }));
}

/**
 * Started = anything an evaluator did: any save (the version moves past 1), any transition, any evidence
 * attached. Replacing the indicators of a started evaluation would drop its saved results (and the evidence of its
 * rows) with them.
 */
export async function evaluationStarted(db: Db, projectId: number): Promise<boolean> {
  const evaluation = await findEvaluationOfProject(db, { projectId });
  if (!evaluation) return false;
  if (evaluation.status !== 'draft' || evaluation.version > 1) return true;
  return hasAttachments(db, { evaluationId: evaluation.id });
}

function sameAsStored(
  stored: Project,
  storedIndicators: IndicatorTargets[],
  project: ProjectTargets,
  indicators: IndicatorTargets[],
): boolean {
  const key = (r: IndicatorTargets) =>
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
  const fields = [
    'goal',
    'implementingUnit',
    'budgetTotalFen',
    'budgetFiscalFen',
    'budgetSpecialFen',
    'budgetOtherFen',
  ] as const;
  return (
    fields.every((f) => stored[f] === project[f]) &&
    storedIndicators.length === indicators.length &&
    storedIndicators.every((row, i) => key(row) === key(indicators[i]))
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
