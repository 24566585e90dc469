import 'server-only';
import { and, asc, eq, inArray, lt, ne } from 'drizzle-orm';
import { firstRow } from '../rows';
import {
  evaluationFlags,
  evaluations,
  indicatorResults,
  indicators,
  projects,
  trimmedExplanationOf,
  type ReviewerFlagKind,
} from '../schema';
import { JOIN } from './joins';
import type { Db } from '../sqlite';

const trimmedExplanation = trimmedExplanationOf(indicatorResults);

/** The explanation texts of some evaluations, row by row (row = the indicator's 序号). */
export function explanationsOf(db: Db, { evaluationIds }: { evaluationIds: number[] }) {
  return db
    .select({ evaluationId: indicatorResults.evaluationId, row: indicators.position, text: trimmedExplanation })
    .from(indicatorResults)
    .innerJoin(indicators, JOIN.indicatorOfResult)
    .where(and(inArray(indicatorResults.evaluationId, evaluationIds), ne(trimmedExplanation, '')));
}

/** Every row of a year's evaluations whose explanation is one of these texts, with its project. */
export function explanationPlaces(db: Db, { year, texts }: { year: number; texts: string[] }) {
  return db
    .select({
      evaluationId: indicatorResults.evaluationId,
      project: projects.name,
      row: indicators.position,
      text: trimmedExplanation,
    })
    .from(indicatorResults)
    .innerJoin(indicators, JOIN.indicatorOfResult)
    .innerJoin(projects, eq(projects.id, indicators.projectId))
    .where(and(eq(projects.year, year), inArray(trimmedExplanation, texts)))
    .orderBy(asc(projects.position), asc(indicators.position));
}

/** The same project (name and department) in another year, with its evaluation's cached totals. */
export function sameProjectInYear(
  db: Db,
  { year, departmentId, name }: { year: number; departmentId: number; name: string },
) {
  return firstRow(
    db
      .select({
        evaluationId: evaluations.id,
        status: evaluations.status,
        selfScore: evaluations.selfScore,
        finalScore: evaluations.finalScore,
      })
      .from(projects)
      .innerJoin(evaluations, eq(evaluations.projectId, projects.id))
      .where(and(eq(projects.year, year), eq(projects.departmentId, departmentId), eq(projects.name, name)))
      .limit(1),
  );
}

/** Replaces an evaluation's flags of the given (reviewer's) kinds by what was found now. */
export async function replaceFlags(
  tx: Db,
  {
    evaluationId,
    kinds,
    findings,
  }: {
    evaluationId: number;
    kinds: readonly ReviewerFlagKind[];
    findings: Array<{ kind: ReviewerFlagKind; ordinal: number; detail: string }>;
  },
) {
  await tx
    .delete(evaluationFlags)
    .where(and(eq(evaluationFlags.evaluationId, evaluationId), inArray(evaluationFlags.kind, [...kinds])));
  if (findings.length > 0) await tx.insert(evaluationFlags).values(findings.map((f) => ({ evaluationId, ...f })));
}

export async function markFlagsComputed(tx: Db, { evaluationId, version }: { evaluationId: number; version: number }) {
  await tx.update(evaluations).set({ flagsVersion: version }).where(eq(evaluations.id, evaluationId));
}

/** Evaluations whose flags were computed by older definitions (or never), a batch at a time. */
export async function evaluationsWithStaleFlags(db: Db, { version, limit }: { version: number; limit: number }) {
  const rows = await db
    .select({ id: evaluations.id })
    .from(evaluations)
    .where(lt(evaluations.flagsVersion, version))
    .orderBy(asc(evaluations.id))
    .limit(limit);
  return rows.map((r) => r.id);
}
