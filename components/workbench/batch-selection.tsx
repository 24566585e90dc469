'use client';

import { useRouter } from 'next/navigation';
import { createContext, useContext, useState } from 'react';
import { batchTransitionAction } from '@/app/(app)/tasks/batch-actions';
import { CharCount } from '@/components/evaluation/limited-text';
import { callAction } from '@/lib/action-state';
import { limitedText, TEXT_LIMITS } from '@/lib/evaluations/form-schema';
import { WORKFLOW_ACTIONS, type WorkflowAction } from '@/lib/workflow/state-machine';

export interface BatchItem {
  id: number;
  version: number;
  name: string;
}

type Outcome = { id: number; ok: true } | { id: number; ok: false; message: string };

const Selection = createContext<{ selected: Set<number>; toggle: (id: number) => void } | null>(null);

const commentSchema = limitedText(TEXT_LIMITS.comment);

/** Sent to the server in chunks of this many, so that a large batch shows its progress. */
const CHUNK = 20;

/** One row's checkbox in a list wrapped by BatchSelection. */
export function SelectBox({ id, name }: { id: number; name: string }) {
  const selection = useContext(Selection);
  if (!selection) return null;
  return (
    <input
      type="checkbox"
      aria-label={`选择 ${name}`}
      checked={selection.selected.has(id)}
      onChange={() => selection.toggle(id)}
    />
  );
}

/**
 * Multi-select over a list (`children`, with a SelectBox per row) and the role's batch decisions
 * with one shared comment. `items` are the rows on screen; `matching` all those the list's filter
 * holds (given up to a limit), so "all N" means all of them, not only this page. Each goes to the
 * server on its own terms; the answer lists which went through and which were refused, and why.
 */
export function BatchSelection({
  items: pageItems,
  matching,
  actions,
  children,
}: {
  items: BatchItem[];
  matching: { total: number; items: BatchItem[] | null; limit: number };
  actions: WorkflowAction[];
  children: React.ReactNode;
}) {
  const items = [...new Map([...pageItems, ...(matching.items ?? [])].map((i) => [i.id, i])).values()];
  const router = useRouter();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [comment, setComment] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  // The names are kept with the answer: a refreshed list no longer holds those that went through.
  const [outcome, setOutcome] = useState<{ verb: string; results: Outcome[]; names: Map<number, string> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const run = async (action: WorkflowAction) => {
    const words = WORKFLOW_ACTIONS[action];
    setError(null);
    if (words.needsComment && !comment.trim()) return setError(words.needsComment);
    // A long paste is kept whole and refused with the server's own message, never cut.
    const tooLong = commentSchema.safeParse(comment).error;
    if (tooLong) return setError(tooLong.issues[0].message);
    const chosen = items.filter((i) => selected.has(i.id));
    if (!window.confirm(`确定对选中的 ${chosen.length} 项${words.verb}吗？`)) return;
    const results: Outcome[] = [];
    setProgress({ done: 0, total: chosen.length });
    for (let start = 0; start < chosen.length; start += CHUNK) {
      const chunk = chosen.slice(start, start + CHUNK);
      const state = await callAction(batchTransitionAction, {
        action,
        comment,
        evaluations: chunk.map(({ id, version }) => ({ id, version })),
      });
      if (state.ok) results.push(...state.data.results);
      else results.push(...chunk.map(({ id }) => ({ id, ok: false as const, message: state.message })));
      setProgress({ done: Math.min(start + CHUNK, chosen.length), total: chosen.length });
    }
    setProgress(null);
    setOutcome({ verb: words.verb, results, names: new Map(chosen.map((i) => [i.id, i.name])) });
    setSelected(new Set(results.filter((r) => !r.ok).map((r) => r.id)));
    if (results.some((r) => r.ok)) setComment('');
    router.refresh();
  };

  const refused = outcome?.results.filter((r): r is Extract<Outcome, { ok: false }> => !r.ok) ?? [];
  // No batch decision for this role, or nothing left to choose from: the list alone, unless the last
  // batch's answer is still to be read.
  if (actions.length === 0 || (items.length === 0 && !outcome)) return <>{children}</>;
  return (
    <Selection.Provider value={{ selected, toggle }}>
      <section className="card batch-bar no-print" aria-label="批量处理">
        <div className="button-row">
          <span data-testid="batch-count">已选 {selected.size} 项</span>
          <button type="button" className="button" onClick={() => setSelected(new Set(pageItems.map((i) => i.id)))}>
            选择本页 {pageItems.length} 项
          </button>
          {matching.items ? (
            <button
              type="button"
              className="button"
              onClick={() => setSelected(new Set(matching.items!.map((i) => i.id)))}
            >
              选择全部 {matching.total.toLocaleString('en-US')} 项（当前筛选）
            </button>
          ) : (
            <span className="muted">
              当前筛选共 {matching.total.toLocaleString('en-US')} 项，超过 {matching.limit.toLocaleString('en-US')}{' '}
              项时请先缩小筛选范围再全选
            </span>
          )}
          <button type="button" className="button" onClick={() => setSelected(new Set())} disabled={!selected.size}>
            清除选择
          </button>
        </div>
        <label className="field">
          <span>
            批量意见
            {actions.some((a) => WORKFLOW_ACTIONS[a].needsComment) &&
              `（${actions
                .filter((a) => WORKFLOW_ACTIONS[a].needsComment)
                .map((a) => WORKFLOW_ACTIONS[a].verb)
                .join('、')}时必填）`}
          </span>
          <textarea
            rows={2}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            aria-label="批量意见"
            aria-invalid={Boolean(error) || comment.length > TEXT_LIMITS.comment}
          />
          <CharCount length={comment.length} max={TEXT_LIMITS.comment} />
          {error && <span className="field-error">{error}</span>}
        </label>
        <div className="button-row">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={action === 'return' ? 'button danger' : 'button primary'}
              disabled={selected.size === 0 || progress !== null}
              onClick={() => run(action)}
            >
              批量{WORKFLOW_ACTIONS[action].verb}
            </button>
          ))}
        </div>
        {progress && (
          <p role="status" data-testid="batch-progress">
            正在处理 {progress.done} / {progress.total}
            <progress value={progress.done} max={progress.total} />
          </p>
        )}
        {outcome && (
          <div role="status" className="batch-outcome" data-testid="batch-outcome">
            <p>
              {outcome.verb}：成功 {outcome.results.length - refused.length} 项，未通过 {refused.length} 项
            </p>
            {refused.length > 0 && (
              <ul>
                {refused.map((r) => (
                  <li key={r.id}>
                    {outcome.names.get(r.id) ?? `#${r.id}`}：{r.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>
      {children}
    </Selection.Provider>
  );
}
