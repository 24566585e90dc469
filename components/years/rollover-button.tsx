'use client';

import Link from 'next/link';
import { useState } from 'react';
import { rolloverAction } from '@/app/(app)/admin/actions';
import { callAction } from '@/lib/action-state';

export function RolloverButton({ fromYear, toYear }: { fromYear: number; toYear: number }) {
  const [state, setState] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!window.confirm(`确定创建 ${toYear} 年度吗？`)) return;
    setBusy(true);
    try {
      const result = await callAction(rolloverAction, { fromYear });
      setState(result.ok ? { kind: 'ok', text: result.message ?? '已结转' } : { kind: 'error', text: result.message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="button-row">
      {state?.kind !== 'ok' && (
        <button type="button" className="button primary" disabled={busy} onClick={() => void run()}>
          {busy ? '正在结转…' : `确认创建 ${toYear} 年度`}
        </button>
      )}
      {state && (
        <p
          role={state.kind === 'error' ? 'alert' : 'status'}
          className={state.kind === 'error' ? 'form-error' : 'form-ok'}
        >
          {state.text} {state.kind === 'ok' && <Link href={`/projects?year=${toYear}`}>查看 {toYear} 年度项目</Link>}
        </p>
      )}
    </div>
  );
}
