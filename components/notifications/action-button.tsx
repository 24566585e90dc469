'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormBanner, useServerFeedback } from '@/components/form-feedback';
import { callAction, type ActionState } from '@/lib/action-state';

/** A one-click step (全部标为已读, 催办): sent, its answer shown beside it, the page refreshed. */
export function ActionButton({
  action,
  input,
  label,
  className = 'button',
}: {
  action: (raw: unknown) => Promise<ActionState<unknown>>;
  input: unknown;
  label: string;
  className?: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const { banner, show } = useServerFeedback();
  return (
    <span className="action-button no-print">
      <button
        type="button"
        className={className}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            if (show(await callAction(action, input))) router.refresh();
          } finally {
            setBusy(false);
          }
        }}
      >
        {label}
      </button>
      <FormBanner banner={banner} />
    </span>
  );
}
