'use client';

import { useCallback, useState } from 'react';
import type { ActionState } from '@/lib/action-state';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';

export type Banner = { kind: 'ok' | 'error'; text: string } | null;

/** `_` and `scheme._` name no field: a message about a whole form or a whole group of fields. */
const isGroupMessage = (name: string) => name === '_' || name.endsWith('._');

/**
 * A server action's answer shown on a form, the same way on every form: field messages next to
 * their fields (on a react-hook-form form, or in `fieldErrors` for a plain one), the overall message
 * in a banner, a group's message after it. The typed values stay as they are.
 */
export function useServerFeedback<T extends FieldValues>(form?: UseFormReturn<T>) {
  const [banner, setBanner] = useState<Banner>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const show = useCallback(
    (state: ActionState<unknown>): boolean => {
      setFieldErrors(state.ok ? {} : (state.fieldErrors ?? {}));
      if (state.ok) {
        setBanner({ kind: 'ok', text: state.message ?? '已保存' });
        return true;
      }
      const entries = Object.entries(state.fieldErrors ?? {});
      for (const [name, message] of entries) {
        if (form && !isGroupMessage(name)) form.setError(name as Path<T>, { type: 'server', message });
      }
      const groups = entries.filter(([name]) => name !== '_' && isGroupMessage(name)).map(([, message]) => message);
      setBanner({ kind: 'error', text: [state.message, ...groups].join('：') });
      return false;
    },
    [form],
  );
  /** For a form's own refusal before anything is sent (react-hook-form's onInvalid). */
  const invalid = useCallback((text = '输入有误，请检查标红的字段') => setBanner({ kind: 'error', text }), []);
  const clear = useCallback(() => {
    setBanner(null);
    setFieldErrors({});
  }, []);
  return { banner, setBanner, fieldErrors, show, invalid, clear };
}

/** The banner, with what follows a success (a link onward) when there is one. */
export function FormBanner({
  banner,
  className = '',
  children,
}: {
  banner: Banner;
  className?: string;
  children?: React.ReactNode;
}) {
  if (!banner) return null;
  return (
    <p
      role={banner.kind === 'error' ? 'alert' : 'status'}
      className={`${banner.kind === 'error' ? 'form-error' : 'form-ok'} ${className}`.trim()}
    >
      {banner.text} {banner.kind === 'ok' && children}
    </p>
  );
}
