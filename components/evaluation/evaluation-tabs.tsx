'use client';

import { Children, useId, useState, type ReactNode } from 'react';

/**
 * 指标填报 / 自评报告: panels that stay mounted while hidden, so what is typed in one is kept (and
 * saved with the draft) while the other is shown.
 */
export function EvaluationTabs({ labels, children }: { labels: string[]; children: ReactNode }) {
  const [active, setActive] = useState(0);
  const id = useId();
  const panels = Children.toArray(children);
  return (
    <>
      <div className="tabs no-print" role="tablist" aria-label="自评内容">
        {labels.map((label, i) => (
          <button
            key={label}
            type="button"
            role="tab"
            id={`${id}-tab-${i}`}
            className="button"
            aria-selected={active === i}
            aria-controls={`${id}-panel-${i}`}
            onClick={() => setActive(i)}
          >
            {label}
          </button>
        ))}
      </div>
      {panels.map((panel, i) => (
        <div key={i} role="tabpanel" id={`${id}-panel-${i}`} aria-labelledby={`${id}-tab-${i}`} hidden={active !== i}>
          {panel}
        </div>
      ))}
    </>
  );
}
