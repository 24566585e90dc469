import 'server-only';
import { transaction, type Db } from '@/db';
import { refreshFiguresOfEvaluations } from '@/db/queries/department-figures';
import { loadEvaluationBundles, type EvaluationBundle } from '@/db/queries/evaluations';
import {
  evaluationsWithStaleFlags,
  explanationPlaces,
  explanationsOf,
  markFlagsComputed,
  replaceFlags as replaceStoredFlags,
  sameProjectKey,
  sameProjectsInYear,
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

/** Bumped when a definition changes: evaluations computed by older ones are computed again (refreshStaleFlags). */
export const FLAGS_VERSION = 1;

type Found = FlagFinding & { evaluationId: number };

/** Stores findings of some kinds, each kind in its place among the overview's 值得关注 rows. */
const replaceFlags = (
  tx: Db,
  { findings, ...rest }: { evaluationIds: number[]; kinds: readonly ReviewerFlagKind[]; findings: Found[] },
) =>
  replaceStoredFlags(tx, {
    ...rest,
    findings: findings.map((f) => ({ ...f, ordinal: REVIEWER_ORDINAL + REVIEWER_FLAG_KINDS.indexOf(f.kind) })),
  });

/** The total that counts for a comparison: the final one once finalised; none while it is with the owner. */
function countedScore(row: { status: EvaluationStatus; selfScore: string | null; finalScore: string | null }) {
  if (!pastOwner(row.status)) return null;
  return row.status === 'finalized' ? row.finalScore : row.selfScore;
}

const textsOf = (bundle: Pick<EvaluationBundle, 'results'>) =>
  [...bundle.results.values()].flatMap((r) => comparableText(r.explanation) ?? []);

/** The places of these texts in the year, in table order: ask for what one evaluation's texts pick. */
async function placesOfTexts(tx: Db, { year, texts }: { year: number; texts: string[] }) {
  const places = texts.length === 0 ? [] : await explanationPlaces(tx, { year, texts });
  const byText = new Map<string, number[]>();
  places.forEach((p, i) => {
    const at = byText.get(p.text);
    if (at) at.push(i);
    else byText.set(p.text, [i]);
  });
  return {
    places,
    of: (mine: Iterable<string>) =>
      [...mine]
        .flatMap((text) => byText.get(text) ?? [])
        .sort((a, b) => a - b)
        .map((i) => places[i]),
  };
}

/** The repeated-text flag of each of these evaluations, from every place their texts stand in the year. */
async function refreshRepeatedText(tx: Db, { year, evaluationIds }: { year: number; evaluationIds: number[] }) {
  const own = await explanationsOf(tx, { evaluationIds });
  const textsByEvaluation = new Map<number, Set<string>>();
  for (const r of own)
    textsByEvaluation.set(r.evaluationId, (textsByEvaluation.get(r.evaluationId) ?? new Set()).add(r.text));
  const texts = [...new Set(own.flatMap((r) => comparableText(r.text) ?? []))];
  const { of } = await placesOfTexts(tx, { year, texts });
  const findings = evaluationIds.flatMap((evaluationId) => {
    const finding = repeatedTextFinding(evaluationId, of(textsByEvaluation.get(evaluationId) ?? []));
    return finding ? [{ ...finding, evaluationId }] : [];
  });
  await replaceFlags(tx, { evaluationIds, kinds: ['repeated_explanation'], findings });
}

type Counted = Parameters<typeof countedScore>[0];

/** The year-over-year flag of an evaluation, given the same project's evaluation of the year before. */
const yearChangeOf = (evaluationId: number, current: Counted, year: number, previous: Counted | undefined): Found[] => {
  const previousScore = previous ? countedScore(previous) : null;
  const finding = yearChangeFinding(
    countedScore(current),
    previousScore === null ? null : { year: year - 1, score: previousScore },
  );
  return finding ? [{ ...finding, evaluationId }] : [];
};

/**
 * Evaluations' stored flags, computed again from what is stored now (inside the caller's
 * transaction): their own five, the repeated-text flag of every evaluation that shares a text with
 * them now or did before (`previousTexts`), and the year-over-year flag of their own and of the same
 * projects' next year. The stored figures of their departments follow (they count the flags) unless
 * the caller computes them after (`figuresLater`); answers the evaluations whose flags it computed.
 * Many at once cost a few statements, not a few per evaluation: what each gets is what refreshing it
 * alone gives, since no flag is computed from another.
 */
export async function refreshFlagsOf(
  tx: Db,
  {
    evaluationIds,
    previousTexts = [],
    figuresLater = false,
  }: { evaluationIds: number[]; previousTexts?: string[]; figuresLater?: boolean },
): Promise<number[]> {
  const bundles = await loadEvaluationBundles(tx, { evaluationIds });
  const changed = new Set<number>();
  for (const year of new Set(bundles.map((b) => b.project.year))) {
    const these = bundles.filter((b) => b.project.year === year);
    const ids = these.map((b) => b.evaluation.id);
    const keys = these.map((b) => b.project);
    const previous = await sameProjectsInYear(tx, { year: year - 1, projects: keys });
    const findings = these.flatMap((b) => {
      const { input, result } = scoreStored(b);
      const own = evaluationFindings(input, result).map((f) => ({ ...f, evaluationId: b.evaluation.id }));
      return [...own, ...yearChangeOf(b.evaluation.id, b.evaluation, year, previous.get(sameProjectKey(b.project)))];
    });
    await replaceFlags(tx, {
      evaluationIds: ids,
      kinds: REVIEWER_FLAG_KINDS.filter((k) => k !== 'repeated_explanation'),
      findings,
    });

    const texts = [...new Set([...these.flatMap(textsOf), ...previousTexts])];
    const { places: sharing } = await placesOfTexts(tx, { year, texts });
    const affected = [...new Set([...ids, ...sharing.map((p) => p.evaluationId)])];
    await refreshRepeatedText(tx, { year, evaluationIds: affected });

    const next = await sameProjectsInYear(tx, { year: year + 1, projects: keys });
    const nextIds = these.flatMap((b) => next.get(sameProjectKey(b.project))?.evaluationId ?? []);
    const nextFindings = these.flatMap((b) => {
      const n = next.get(sameProjectKey(b.project));
      return n ? yearChangeOf(n.evaluationId, n, year + 1, b.evaluation) : [];
    });
    if (nextIds.length > 0)
      await replaceFlags(tx, { evaluationIds: nextIds, kinds: ['year_change'], findings: nextFindings });
    await markFlagsComputed(tx, { evaluationIds: ids, version: FLAGS_VERSION });
    for (const id of [...affected, ...nextIds]) changed.add(id);
  }
  if (!figuresLater) await refreshFiguresOfEvaluations(tx, { evaluationIds: [...changed] });
  return [...changed];
}

/** One evaluation's stored flags computed again, as `refreshFlagsOf` does for many. */
export const refreshFlags = (
  tx: Db,
  { evaluationId, ...rest }: { evaluationId: number; previousTexts?: string[]; figuresLater?: boolean },
) => refreshFlagsOf(tx, { evaluationIds: [evaluationId], ...rest });

/** The texts an evaluation uses now: what `refreshFlags` must look at again once they are replaced. */
export const explanationTextsOf = textsOf;

/**
 * Computes the flags of evaluations never computed (new imports) or computed by older definitions,
 * a batch at a time; the number done. Run at start and by the scheduled jobs.
 */
export async function refreshStaleFlags(db: Db, { limit = 200 }: { limit?: number } = {}): Promise<number> {
  const ids = await evaluationsWithStaleFlags(db, { version: FLAGS_VERSION, limit });
  if (ids.length > 0) await transaction(db, (tx) => refreshFlagsOf(tx, { evaluationIds: ids }));
  return ids.length;
}
