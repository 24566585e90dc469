'use client';

import { useCallback, useRef, useState } from 'react';
import type { SubmissionProblem } from '@/lib/evaluations/submission-problems';
import { formatScore } from '@/lib/format';
import type { EvaluationResult } from '@/lib/scoring';

/** Messages that block a step, each a link to its row (the dialog or banner closes as the page scrolls there). */
export function ProblemLinks({ problems, onFollow }: { problems: SubmissionProblem[]; onFollow?: () => void }) {
  return (
    <ul className="problem-links">
      {problems.map((p, i) => (
        <li key={i}>
          <a href={`#${p.anchor}`} onClick={onFollow}>
            {p.message}
          </a>
        </li>
      ))}
    </ul>
  );
}

interface Question {
  result: EvaluationResult;
  problems: SubmissionProblem[];
}

/**
 * 提交审核 asks first: the score and grade that go to the department head, or what is still missing
 * (each a link to its row), in which case there is nothing to confirm. `ask` resolves to true to submit.
 */
export function useSubmitDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  const [question, setQuestion] = useState<Question | null>(null);
  const answer = useRef<(submit: boolean) => void>(() => {});

  const ask = useCallback((q: Question) => {
    setQuestion(q);
    return new Promise<boolean>((resolve) => {
      answer.current = resolve;
      requestAnimationFrame(() => ref.current?.showModal());
    });
  }, []);

  const close = (submit: boolean) => {
    ref.current?.close();
    setQuestion(null);
    answer.current(submit);
  };

  const q = question;
  const dialog = (
    <dialog
      ref={ref}
      className="choice-dialog submit-dialog"
      aria-labelledby="submit-dialog-title"
      data-testid="submit-dialog"
      onCancel={(e) => {
        e.preventDefault();
        close(false);
      }}
    >
      {q && (
        <>
          <h2 id="submit-dialog-title">提交审核</h2>
          <p>
            自评得分 <strong className="num">{formatScore(q.result.finalTotal, q.result.precision)}</strong>，等级{' '}
            <strong>{q.result.finalGrade}</strong>
          </p>
          {q.problems.length > 0 ? (
            <div role="alert">
              <p className="form-error">还不能提交，请补充以下 {q.problems.length} 处：</p>
              <ProblemLinks problems={q.problems} onFollow={() => close(false)} />
            </div>
          ) : (
            <p>提交后由部门负责人审核；审核之前可以撤回修改。</p>
          )}
          <div className="button-row">
            {q.problems.length === 0 && (
              <button type="button" className="button primary" onClick={() => close(true)}>
                确认提交
              </button>
            )}
            <button type="button" className="button" onClick={() => close(false)}>
              {q.problems.length === 0 ? '取消' : '返回填写'}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
  return { ask, dialog };
}
