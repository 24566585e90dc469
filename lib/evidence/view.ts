import type { EvaluationBundle } from '@/db/queries/evaluations';
import type { EvidencePurpose } from '@/db/schema';
import { EVIDENCE_ACTIONS, type WorkflowAction } from '@/lib/workflow/state-machine';
import { evidenceItem, type EvidenceItem } from './items';
import { evidenceRows, rowKey, type EvidenceRow } from './rows';

/** What the evaluation page hands the browser about evidence: the files, the rows, and what this user may do now. */
export interface EvidenceConfig {
  evaluationId: number;
  items: EvidenceItem[];
  rows: Array<{ key: string; label: string }>;
  /** The kind of evidence this user adds now, if any (the owner's, or finance's review evidence). */
  adds: EvidencePurpose | null;
  /** The kinds of evidence this user may remove now. */
  removes: EvidencePurpose[];
  /** The rows the latest return flagged 缺佐证, while that return is the latest decision. */
  flagged: string[];
}

/** Decided from the workflow table's answer for this user (the server decides every request again). */
export function evidenceConfig(
  bundle: Pick<EvaluationBundle, 'evaluation' | 'indicators' | 'attachments'>,
  actions: readonly WorkflowAction[],
  flags: readonly EvidenceRow[],
): EvidenceConfig {
  const purposes = Object.keys(EVIDENCE_ACTIONS) as EvidencePurpose[];
  return {
    evaluationId: bundle.evaluation.id,
    items: bundle.attachments.map(evidenceItem),
    rows: evidenceRows(bundle.indicators).map(({ key, label }) => ({ key, label })),
    adds: purposes.find((p) => actions.includes(EVIDENCE_ACTIONS[p].add)) ?? null,
    removes: purposes.filter((p) => actions.includes(EVIDENCE_ACTIONS[p].remove)),
    flagged: flags.map(rowKey),
  };
}
