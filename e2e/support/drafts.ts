import { parseTargetText } from '../../lib/targets/parse-target-text';
import { apiAs, callAction } from './http';
import type { APIRequestContext } from '@playwright/test';

/** An evaluation as the read API shows it (what the specs need of it). */
export interface Detail {
  id: number;
  version: number;
  status: string;
  finalScore: string | null;
  project: { name: string; owner: string | null };
  budget: { initial: string };
  indicators: Array<{ id: number; name: string; target: string; targetKind: string; reviewedScore: string | null }>;
}

/** The form's input of a complete draft: every target met exactly, the whole budget spent. */
export function completeDraft(detail: Detail) {
  return {
    evaluationId: detail.id,
    version: detail.version,
    budgetAdjusted: '',
    // The whole budget: spending beyond it would need an explanation (rule book, second edition).
    budgetExecuted: detail.budget.initial,
    budgetExplanation: '',
    goalActual: '全年目标均已完成。',
    indicators: detail.indicators.map((ind) => {
      const target = parseTargetText(ind.target);
      return {
        indicatorId: ind.id,
        value: target.kind === 'quantitative' ? target.value : '',
        parts: target.kind === 'compound' ? target.parts.map((p) => p.value) : [],
        tier: target.kind === 'qualitative' ? '达成' : '',
        percent: '',
        explanation: '',
        deduction: { enabled: false, score: '', reason: '' },
      };
    }),
  };
}

const OWNERS: Record<string, string> = { 张伟: 'owner1', 李娜: 'owner2' };

/** Workflow steps taken over HTTP by the people whose turn it is, as their browsers' forms would. */
export async function demoWorkflow(baseURL: string) {
  const as: Record<string, APIRequestContext> = {};
  const client = async (username: string) => (as[username] ??= await apiAs(baseURL, username));
  const finance = await client('finance');
  const list: Array<{ id: number; project: string }> = (await (await finance.get('/api/years/2024/evaluations')).json())
    .items;
  const read = async (id: number): Promise<Detail> => (await finance.get(`/api/evaluations/${id}`)).json();
  const idOf = (project: string) => {
    const found = list.find((e) => e.project === project);
    if (!found) throw new Error(`no evaluation of ${project}`);
    return found.id;
  };
  const act = async (username: string, id: number, action: string, arg: (d: Detail) => unknown) => {
    const result = await callAction(await client(username), `/evaluations/${id}`, action, arg(await read(id)));
    if (!result.ok) throw new Error(`${action} of ${id} by ${username}: ${result.message}`);
  };
  const step =
    (comment = '') =>
    (d: Detail) => ({ evaluationId: d.id, version: d.version, comment });

  /** Brings the evaluation of a project to a status: filled and submitted by its owner, approved by the head. */
  async function bringTo(project: string, status: 'submitted' | 'dept_approved' | 'finalized') {
    const id = idOf(project);
    const owner = OWNERS[(await read(id)).project.owner ?? ''];
    await act(owner, id, 'saveDraftAction', completeDraft);
    await act(owner, id, 'submitAction', step());
    if (status !== 'submitted') await act('head', id, 'approveAction', step());
    if (status === 'finalized') await act('finance', id, 'finalizeAction', step());
    return id;
  }
  return { idOf, read, bringTo, act, step, client };
}
