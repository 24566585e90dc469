'use client';

import { useCallback, useState } from 'react';
import type { ActionState } from '@/lib/action-state';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';

export type Banner = { kind: 'ok' | 'error'; text: string } | null;

/**
 * A server action's answer shown on a react-hook-form form: field messages next to their fields,
 * the overall message in a banner. The typed values stay as they are.
 */
export function useServerFeedback<T extends FieldValues>(form?: UseFormReturn<T>) {
  const [banner, setBanner] = useState<Banner>(null);
  const show = useCallback(
    (state: ActionState<unknown>): boolean => {
      if (state.ok) {
        setBanner({ kind: 'ok', text: state.message ?? '已保存' });
        return true;
      }
      for (const [name, message] of Object.entries(state.fieldErrors ?? {})) {
        if (form && name !== '_') form.setError(name as Path<T>, { type: 'server', message });
      }
      setBanner({ kind: 'error', text: state.message });
      return false;
    },
    [form],
  );
  return { banner, setBanner, show };
}

export function FormBanner({ banner }: { banner: Banner }) {
  if (!banner) return null;
  return (
    <p
      role={banner.kind === 'error' ? 'alert' : 'status'}
      className={banner.kind === 'error' ? 'form-error' : 'form-ok'}
    >
      {banner.text}
    </p>
  );
}
