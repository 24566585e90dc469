'use client';

import Link from 'next/link';
import { useState } from 'react';
import { rolloverAction } from '@/app/(app)/admin/years/actions';
import { FormBanner, useServerFeedback } from '@/components/form-feedback';
import { callAction } from '@/lib/action-state';

export function RolloverButton({ fromYear, toYear }: { fromYear: number; toYear: number }) {
  const { banner, show } = useServerFeedback();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!window.confirm(`确定创建 ${toYear} 年度吗？`)) return;
    setBusy(true);
    try {
      show(await callAction(rolloverAction, { fromYear }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="button-row">
      {banner?.kind !== 'ok' && (
        <button type="button" className="button primary" disabled={busy} onClick={() => void run()}>
          {busy ? '正在结转…' : `确认创建 ${toYear} 年度`}
        </button>
      )}
      <FormBanner banner={banner}>
        <Link href={`/projects?year=${toYear}`}>查看 {toYear} 年度项目</Link>
      </FormBanner>
    </div>
  );
}
