'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { changePasswordAction } from '@/app/(app)/account/actions';
import { FieldShell, fieldIds } from '@/components/admin/field-shell';
import { FormBanner, useServerFeedback } from '@/components/form-feedback';
import { changePasswordSchema, type ChangePasswordInput } from '@/lib/account/change-password-schema';
import { callAction } from '@/lib/action-state';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';

const EMPTY: ChangePasswordInput = { currentPassword: '', newPassword: '', confirmPassword: '' };

const FIELDS = [
  { name: 'currentPassword', label: '当前密码', autoComplete: 'current-password' },
  { name: 'newPassword', label: '新密码', autoComplete: 'new-password' },
  { name: 'confirmPassword', label: '再次输入新密码', autoComplete: 'new-password' },
] as const;

/**
 * Current password, then the new one twice. `afterChange` is where the forced change sends the
 * user on; the account page stays where it is.
 */
export function ChangePasswordForm({
  currentLabel = '当前密码',
  afterChange,
}: {
  currentLabel?: string;
  afterChange?: string;
}) {
  const form = useForm<ChangePasswordInput, unknown, z.output<typeof changePasswordSchema>>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: EMPTY,
  });
  const { banner, show, invalid } = useServerFeedback(form);

  const onSubmit = form.handleSubmit(
    async (values) => {
      if (!show(await callAction(changePasswordAction, values))) return;
      form.reset(EMPTY);
      // A full navigation, so that every server component reads the cleared temporary-password flag.
      if (afterChange) window.location.assign(afterChange);
    },
    () => invalid(),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="form-stack" aria-label="修改密码">
      {FIELDS.map((f) => (
        <FieldShell
          key={f.name}
          name={f.name}
          label={f.name === 'currentPassword' ? currentLabel : f.label}
          control={form.control}
        >
          <input
            type="password"
            autoComplete={f.autoComplete}
            {...form.register(f.name)}
            aria-invalid={Boolean(form.formState.errors[f.name])}
            aria-labelledby={fieldIds(f.name).labelledBy}
            aria-describedby={fieldIds(f.name).describedBy}
          />
        </FieldShell>
      ))}
      <p className="muted">新密码至少 {MIN_PASSWORD_LENGTH} 个字符，且不能与当前密码相同。</p>
      <FormBanner banner={banner} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? '正在保存…' : '修改密码'}
        </button>
      </div>
    </form>
  );
}
