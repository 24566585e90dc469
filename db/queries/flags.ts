import 'server-only';
import { and, asc, eq, inArray, lt, ne } from 'drizzle-orm';
import { inChunks } from '../rows';
import {
  evaluationFlags,
  evaluations,
  indicatorResults,
  indicators,
  projects,
  trimmedExplanationOf,
  type EvaluationStatus,
  type ReviewerFlagKind,
} from '../schema';
import { JOIN } from './joins';
import type { Db } from '../sqlite';

const trimmedExplanation = trimmedExplanationOf(indicatorResults);

/** Ids in statements of at most this many, well inside both dialects' limits on bound values. */
const IDS_PER_STATEMENT = 2000;

/** The explanation texts of some evaluations, row by row (row = the indicator's 序号). */
export async function explanationsOf(db: Db, { evaluationIds }: { evaluationIds: number[] }) {
  const out = [];
  for (const ids of inChunks(evaluationIds, IDS_PER_STATEMENT))
    out.push(
      ...(await db
        .select({ evaluationId: indicatorResults.evaluationId, row: indicators.position, text: trimmedExplanation })
        .from(indicatorResults)
        .innerJoin(indicators, JOIN.indicatorOfResult)
        .where(and(inArray(indicatorResults.evaluationId, ids), ne(trimmedExplanation, '')))),
    );
  return out;
}

/**
 * Every row of a year's evaluations whose explanation is one of these texts, with its project, in
 * table order (project, then row; the project's id breaks ties between departments).
 */
export async function explanationPlaces(db: Db, { year, texts }: { year: number; texts: string[] }) {
  const parts = [];
  for (const some of inChunks(texts, IDS_PER_STATEMENT))
    parts.push(
      await db
        .select({
          evaluationId: indicatorResults.evaluationId,
          project: projects.name,
          row: indicators.position,
          text: trimmedExplanation,
          position: projects.position,
          projectId: projects.id,
        })
        .from(indicatorResults)
        .innerJoin(indicators, JOIN.indicatorOfResult)
        .innerJoin(projects, eq(projects.id, indicators.projectId))
        .where(and(eq(projects.year, year), inArray(trimmedExplanation, some)))
        .orderBy(asc(projects.position), asc(projects.id), asc(indicators.position)),
    );
  if (parts.length <= 1) return parts[0] ?? [];
  return parts.flat().sort((a, b) => a.position - b.position || a.projectId - b.projectId || a.row - b.row);
}

/**
 * The same projects (department and name; unique in a year) in another year, with their
 * evaluations' cached totals, keyed by `sameProjectKey`.
 */
export async function sameProjectsInYear(
  db: Db,
  { year, projects: wanted }: { year: number; projects: Array<{ departmentId: number; name: string }> },
) {
  const found = new Map<
    string,
    { evaluationId: number; status: EvaluationStatus; selfScore: string | null; finalScore: string | null }
  >();
  const keys = new Set(wanted.map(sameProjectKey));
  for (const part of inChunks(wanted, IDS_PER_STATEMENT)) {
    const rows = await db
      .select({
        departmentId: projects.departmentId,
        name: projects.name,
        evaluationId: evaluations.id,
        status: evaluations.status,
        selfScore: evaluations.selfScore,
        finalScore: evaluations.finalScore,
      })
      .from(projects)
      .innerJoin(evaluations, eq(evaluations.projectId, projects.id))
      .where(
        and(
          eq(projects.year, year),
          inArray(projects.name, [...new Set(part.map((p) => p.name))]),
          inArray(projects.departmentId, [...new Set(part.map((p) => p.departmentId))]),
        ),
      );
    // The two lists select every pairing of their names and departments: keep the asked ones.
    for (const { departmentId, name, ...row } of rows) {
      const key = sameProjectKey({ departmentId, name });
      if (keys.has(key)) found.set(key, row);
    }
  }
  return found;
}

export const sameProjectKey = ({ departmentId, name }: { departmentId: number; name: string }) =>
  `${departmentId}\u0000${name}`;

/** Replaces these evaluations' flags of the given (reviewer's) kinds by what was found now. */
export async function replaceFlags(
  tx: Db,
  {
    evaluationIds,
    kinds,
    findings,
  }: {
    evaluationIds: number[];
    kinds: readonly ReviewerFlagKind[];
    findings: Array<{ evaluationId: number; kind: ReviewerFlagKind; ordinal: number; detail: string }>;
  },
) {
  for (const ids of inChunks(evaluationIds, IDS_PER_STATEMENT))
    await tx
      .delete(evaluationFlags)
      .where(and(inArray(evaluationFlags.evaluationId, ids), inArray(evaluationFlags.kind, [...kinds])));
  for (const rows of inChunks(findings, IDS_PER_STATEMENT)) await tx.insert(evaluationFlags).values(rows);
}

export async function markFlagsComputed(
  tx: Db,
  { evaluationIds, version }: { evaluationIds: number[]; version: number },
) {
  for (const ids of inChunks(evaluationIds, IDS_PER_STATEMENT))
    await tx.update(evaluations).set({ flagsVersion: version }).where(inArray(evaluations.id, ids));
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
