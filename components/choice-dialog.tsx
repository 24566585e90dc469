'use client';

import { useCallback, useRef, useState } from 'react';

export interface Choice<K extends string> {
  key: K;
  label: string;
  className?: string;
}

interface Question<K extends string> {
  title: string;
  text: string;
  choices: Array<Choice<K>>;
}

/**
 * A modal question with more answers than the browser's confirm() has (保存并定稿 / 放弃修改并定稿 /
 * 取消): `ask` resolves to the chosen key, or null when the dialog is dismissed.
 */
export function useChoiceDialog<K extends string>() {
  const ref = useRef<HTMLDialogElement>(null);
  const [question, setQuestion] = useState<Question<K> | null>(null);
  const answer = useRef<(key: K | null) => void>(() => {});

  const ask = useCallback((q: Question<K>) => {
    setQuestion(q);
    return new Promise<K | null>((resolve) => {
      answer.current = resolve;
      requestAnimationFrame(() => ref.current?.showModal());
    });
  }, []);

  const close = (key: K | null) => {
    ref.current?.close();
    setQuestion(null);
    answer.current(key);
  };

  const dialog = (
    <dialog
      ref={ref}
      className="choice-dialog"
      aria-labelledby="choice-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        close(null);
      }}
    >
      {question && (
        <>
          <h2 id="choice-dialog-title">{question.title}</h2>
          <p>{question.text}</p>
          <div className="button-row">
            {question.choices.map((c) => (
              <button key={c.key} type="button" className={c.className ?? 'button'} onClick={() => close(c.key)}>
                {c.label}
              </button>
            ))}
            <button type="button" className="button" onClick={() => close(null)}>
              取消
            </button>
          </div>
        </>
      )}
    </dialog>
  );
  return { ask, dialog };
}
