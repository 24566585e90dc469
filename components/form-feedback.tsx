'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import { callAction, type ActionState } from '@/lib/action-state';
import type { z } from 'zod';

export type Banner = { kind: 'ok' | 'error'; text: string } | null;

/** `_` and `scheme._` name no field: a message about a whole form or a whole group of fields. */
const isGroupMessage = (name: string) => name === '_' || name.endsWith('._');

/**
 * A server action's answer shown on a form, the same way on every form: field messages next to
 * their fields (on a react-hook-form form, or in `fieldErrors` for a plain one), the overall message
 * in a banner, a group's message after it. The typed values stay as they are.
 */
export function useServerFeedback<T extends FieldValues>(
  form?: Pick<UseFormReturn<T>, 'setError'>,
  initialBanner: Banner = null,
) {
  const [banner, setBanner] = useState<Banner>(initialBanner);
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

/**
 * A form over a versioned record follows the record: when the page's server data brings a new version
 * (after this form's save, or someone else's), an untouched form starts again from it, keeping its
 * banner (a remount would drop the "已保存" the user is reading). A form with unsaved edits keeps the
 * version it was opened at, so saving them gets the conflict message instead of overwriting.
 */
export function useFollowServerVersion<T extends FieldValues>(
  form: Pick<UseFormReturn<T>, 'reset' | 'getValues' | 'formState'>,
  serverValues: DefaultValues<T>,
) {
  const latest = useRef(serverValues);
  useEffect(() => {
    latest.current = serverValues;
  });
  const serverVersion = (serverValues as { version?: unknown }).version;
  const { isDirty, isSubmitting } = form.formState;
  useEffect(() => {
    if (typeof serverVersion !== 'number') return;
    if (isDirty || isSubmitting) return;
    if ((form.getValues() as { version?: unknown }).version === serverVersion) return;
    form.reset(latest.current);
  }, [form, serverVersion, isDirty, isSubmitting]);
}

/**
 * A form whose submit is one server action: the schema checks it in the browser first (on submit, not
 * on blur: a message appearing as a field loses focus would move the button from under the click),
 * the answer is shown as useServerFeedback shows it. After a success the form starts again from
 * `resetTo` (by default from what was saved), the page's server data reloads unless `refresh` is
 * false, then `onSuccess` runs.
 */
export function useActionForm<TIn extends FieldValues, TOut>({
  schema,
  defaultValues,
  action,
  resetTo,
  refresh = true,
  onSuccess,
  onInvalid,
}: {
  schema: z.ZodType<TOut, TIn>;
  defaultValues: DefaultValues<TIn>;
  action: (raw: unknown) => Promise<ActionState<unknown>>;
  resetTo?: (values: TOut) => DefaultValues<TIn>;
  refresh?: boolean;
  onSuccess?: (values: TOut) => void | Promise<void>;
  /** What a refusal in the browser shows; by default the banner says to look at the marked fields. */
  onInvalid?: (feedback: { clear: () => void; invalid: () => void }) => void;
}) {
  const router = useRouter();
  const form = useForm<TIn, unknown, TOut>({ resolver: zodResolver(schema), defaultValues });
  const feedback = useServerFeedback(form);
  useFollowServerVersion(form, defaultValues);
  const onSubmit = form.handleSubmit(
    async (values) => {
      if (!feedback.show(await callAction(action, values))) return;
      form.reset(resetTo ? resetTo(values) : form.getValues());
      if (refresh) router.refresh();
      await onSuccess?.(values);
    },
    () => (onInvalid ? onInvalid(feedback) : feedback.invalid()),
  );
  return { form, ...feedback, onSubmit };
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

/** One field's message on a form without react-hook-form (its fields read `fieldErrors`). */
export function FieldMessage({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <small className="field-error" role="alert">
      {message}
    </small>
  );
}
