import { closeDatabase, databaseFile, openDatabase } from '../../db';
import { seedOtherDepartment } from '../../lib/seed';
import { parseTargetText } from '../../lib/targets/parse-target-text';

/** Adds a second department with its own head and owner straight into a test server's database. */
export async function addOtherDepartment(dataDir: string) {
  const db = openDatabase(databaseFile(dataDir));
  try {
    await seedOtherDepartment(db);
  } finally {
    closeDatabase(db);
  }
}

/** An evaluation as `GET /api/evaluations/{id}` answers it, as far as the specs read it. */
export interface Detail {
  id: number;
  version: number;
  status: string;
  project: { name: string; budget: { total: string } };
  indicators: Array<{ id: number; name: string; target: string; targetKind: string }>;
}

/** A complete draft of the evaluation as the form would send it: every target met exactly, the budget spent. */
export function completeDraft(detail: Detail) {
  return {
    evaluationId: detail.id,
    version: detail.version,
    budgetAdjusted: '',
    // The whole budget: spending beyond it would need an explanation (rule book, second edition).
    budgetExecuted: detail.project.budget.total,
    budgetExplanation: '',
    goalActual: '全年目标均已完成。',
    indicators: detail.indicators.map((ind) => {
      const target = parseTargetText(ind.target);
      const value = target.kind === 'quantitative' ? target.value : '';
      const parts = target.kind === 'compound' ? target.parts.map((p) => p.value) : [];
      return {
        indicatorId: ind.id,
        value,
        parts,
        tier: target.kind === 'qualitative' ? '达成' : '',
        percent: '',
        explanation: '',
        deduction: { enabled: false, score: '', reason: '' },
      };
    }),
  };
}
