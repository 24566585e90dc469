import 'server-only';
import { transaction, type Db } from '@/db';
import { refreshFiguresOfEvaluations } from '@/db/queries/department-figures';
import { loadEvaluationBundle, type EvaluationBundle } from '@/db/queries/evaluations';
import {
  evaluationsWithStaleFlags,
  explanationPlaces,
  explanationsOf,
  markFlagsComputed,
  replaceFlags as replaceStoredFlags,
  sameProjectInYear,
} from '@/db/queries/flags';
import { REVIEWER_FLAG_KINDS, type EvaluationStatus, type ReviewerFlagKind } from '@/db/schema';
import { scoreStored } from '@/lib/evaluations/sheet';
import { REVIEWER_ORDINAL } from '@/lib/overview/flags';
import { pastOwner } from '@/lib/workflow/state-machine';
import {
  comparableText,
  evaluationFindings,
  repeatedTextFinding,
  yearChangeFinding,
  type FlagFinding,
} from './definitions';

/** Stores findings of some kinds, each kind in its place among the overview's 值得关注 rows. */
const replaceFlags = (
  tx: Db,
  { findings, ...rest }: { evaluationId: number; kinds: readonly ReviewerFlagKind[]; findings: FlagFinding[] },
) =>
  replaceStoredFlags(tx, {
    ...rest,
    findings: findings.map((f) => ({ ...f, ordinal: REVIEWER_ORDINAL + REVIEWER_FLAG_KINDS.indexOf(f.kind) })),
  });

/** Bumped when a definition changes: evaluations computed by older ones are computed again (refreshStaleFlags). */
export const FLAGS_VERSION = 1;

/** The total that counts for a comparison: the final one once finalised; none while it is with the owner. */
function countedScore(row: { status: EvaluationStatus; selfScore: string | null; finalScore: string | null }) {
  if (!pastOwner(row.status)) return null;
  return row.status === 'finalized' ? row.finalScore : row.selfScore;
}

const textsOf = (bundle: Pick<EvaluationBundle, 'results'>) =>
  [...bundle.results.values()].flatMap((r) => comparableText(r.explanation) ?? []);

/** The repeated-text flag of each of these evaluations, from every place their texts stand in the year. */
async function refreshRepeatedText(tx: Db, { year, evaluationIds }: { year: number; evaluationIds: number[] }) {
  const own = await explanationsOf(tx, { evaluationIds });
  const texts = [...new Set(own.flatMap((r) => comparableText(r.text) ?? []))];
  const places = texts.length === 0 ? [] : await explanationPlaces(tx, { year, texts });
  for (const evaluationId of evaluationIds) {
    const mine = new Set(own.filter((r) => r.evaluationId === evaluationId).map((r) => r.text));
    const finding = repeatedTextFinding(
      evaluationId,
      places.filter((p) => mine.has(p.text)),
    );
    await replaceFlags(tx, { evaluationId, kinds: ['repeated_explanation'], findings: finding ? [finding] : [] });
  }
}

async function yearChange(tx: Db, bundle: EvaluationBundle): Promise<FlagFinding | null> {
  const { project } = bundle;
  const previous = await sameProjectInYear(tx, {
    year: project.year - 1,
    departmentId: project.departmentId,
    name: project.name,
  });
  const previousScore = previous ? countedScore(previous) : null;
  return yearChangeFinding(
    countedScore(bundle.evaluation),
    previousScore === null ? null : { year: project.year - 1, score: previousScore },
  );
}

/**
 * An evaluation's stored flags, computed again from what is stored now (inside the caller's
 * transaction): its own five, the repeated-text flag of every evaluation that shares a text with
 * it now or did before (`previousTexts`), and the year-over-year flag of its own and of the same
 * project's next year. The stored figures of their departments follow (they count the flags)
 * unless the caller computes them after (`figuresLater`); answers the evaluations whose flags it
 * computed.
 */
export async function refreshFlags(
  tx: Db,
  {
    evaluationId,
    previousTexts = [],
    figuresLater = false,
  }: { evaluationId: number; previousTexts?: string[]; figuresLater?: boolean },
): Promise<number[]> {
  const bundle = await loadEvaluationBundle(tx, { evaluationId });
  if (!bundle) return [];
  const { input, result } = scoreStored(bundle);
  const own = evaluationFindings(input, result);
  const change = await yearChange(tx, bundle);
  await replaceFlags(tx, {
    evaluationId,
    kinds: REVIEWER_FLAG_KINDS.filter((k) => k !== 'repeated_explanation'),
    findings: change ? [...own, change] : own,
  });

  const texts = [...new Set([...textsOf(bundle), ...previousTexts])];
  const sharing = texts.length === 0 ? [] : await explanationPlaces(tx, { year: bundle.project.year, texts });
  const affected = [...new Set([evaluationId, ...sharing.map((p) => p.evaluationId)])];
  await refreshRepeatedText(tx, { year: bundle.project.year, evaluationIds: affected });

  const next = await sameProjectInYear(tx, {
    year: bundle.project.year + 1,
    departmentId: bundle.project.departmentId,
    name: bundle.project.name,
  });
  if (next) {
    const nextBundle = await loadEvaluationBundle(tx, { evaluationId: next.evaluationId });
    const nextChange = nextBundle ? await yearChange(tx, nextBundle) : null;
    await replaceFlags(tx, {
      evaluationId: next.evaluationId,
      kinds: ['year_change'],
      findings: nextChange ? [nextChange] : [],
    });
  }
  await markFlagsComputed(tx, { evaluationId, version: FLAGS_VERSION });
  const changed = next ? [...affected, next.evaluationId] : affected;
  if (!figuresLater) await refreshFiguresOfEvaluations(tx, { evaluationIds: changed });
  return changed;
}

/** The texts an evaluation uses now: what `refreshFlags` must look at again once they are replaced. */
export const explanationTextsOf = textsOf;

/**
 * Computes the flags of evaluations never computed (new imports) or computed by older definitions,
 * a batch at a time; the number done. Run at start and by the scheduled jobs.
 */
export async function refreshStaleFlags(db: Db, { limit = 200 }: { limit?: number } = {}): Promise<number> {
  const ids = await evaluationsWithStaleFlags(db, { version: FLAGS_VERSION, limit });
  for (const evaluationId of ids) await transaction(db, (tx) => refreshFlags(tx, { evaluationId }));
  return ids.length;
}
