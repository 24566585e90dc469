import type { EvaluationResult } from '@/lib/scoring';

/**
 * A finalised evaluation as its views showed it at 定稿 (see lib/evaluations/frozen.ts), as stored:
 * plain JSON, dates as epoch milliseconds, the indicators' results as a list.
 */
export interface FrozenEvaluation {
  format: 1;
  /** The evaluation bundle read inside the 定稿 transaction (evaluation, project, names, year and scheme, indicators). */
  bundle: Record<string, unknown>;
  /** The engine's result the cached scores were written from in that same transaction. */
  result: EvaluationResult;
  /** The 流转记录 up to 定稿, with the names people had then. */
  steps: Array<Record<string, unknown>>;
}
