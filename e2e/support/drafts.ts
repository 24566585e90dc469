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
  indicators: Array<{
    id: number;
    level1: string;
    level2: string;
    name: string;
    target: string;
    targetKind: string;
    reviewedScore: string | null;
  }>;
}

/** What a draft types into one indicator row (lib/evaluations/form-schema.ts). */
interface DraftRow {
  value: string;
  parts: string[];
  tier: string;
  percent: string;
}

/** The form's input of a draft of `detail`: each row as `row` gives it, no explanation, no deduction, no adjusted budget. */
function draftOf(
  detail: Detail,
  { budgetExecuted, goalActual = '' }: { budgetExecuted: string; goalActual?: string },
  row: (indicator: Detail['indicators'][number], index: number) => Partial<DraftRow>,
) {
  return {
    evaluationId: detail.id,
    version: detail.version,
    budgetAdjusted: '',
    budgetExecuted,
    budgetExplanation: '',
    goalActual,
    indicators: detail.indicators.map((ind, i) => ({
      indicatorId: ind.id,
      value: '',
      parts: [],
      tier: '',
      percent: '',
      explanation: '',
      deduction: { enabled: false, score: '', reason: '' },
      ...row(ind, i),
    })),
  };
}

/** The form's input of a complete draft: every target met exactly, the whole budget spent. */
export function completeDraft(detail: Detail) {
  // The whole budget: spending beyond it would need an explanation (rule book, second edition).
  return draftOf(detail, { budgetExecuted: detail.budget.initial, goalActual: '全年目标均已完成。' }, (ind) => {
    const target = parseTargetText(ind.target);
    return {
      value: target.kind === 'quantitative' ? target.value : '',
      parts: target.kind === 'compound' ? target.parts.map((p) => p.value) : [],
      tier: target.kind === 'qualitative' ? '达成' : '',
    };
  });
}

/** A draft with one actual per row in the form's order (a compound row: its parts) and the budget executed. */
export function draftWithActuals(detail: Detail, budgetExecuted: string, actuals: Array<string | string[]>) {
  if (actuals.length !== detail.indicators.length)
    throw new Error(`${actuals.length} actuals for ${detail.indicators.length} indicators of ${detail.project.name}`);
  return draftOf(detail, { budgetExecuted }, (_ind, i) => {
    const actual = actuals[i];
    return Array.isArray(actual) ? { parts: actual } : { value: actual };
  });
}

/** `username`'s HTTP client and the 2024 evaluation of `project`, as the read API shows it to them. */
export async function evaluationAs(baseURL: string, username: string, project: string) {
  const api = await apiAs(baseURL, username);
  const list: Array<{ id: number; project: string }> = (await (await api.get('/api/years/2024/evaluations')).json())
    .items;
  const id = list.find((e) => e.project === project)?.id;
  if (id === undefined) throw new Error(`${username} sees no evaluation of ${project}`);
  const detail: Detail = await (await api.get(`/api/evaluations/${id}`)).json();
  return { api, id, detail };
}

/** Saves a draft through the evaluation page's own server action, as its form does. */
export function saveDraftAs(api: APIRequestContext, draft: ReturnType<typeof draftOf>) {
  return callAction(api, `/evaluations/${draft.evaluationId}`, 'saveDraftAction', draft);
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
