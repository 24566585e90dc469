'use client';

import { signIn } from 'next-auth/react';
import { changePasswordAction } from '@/app/(app)/account/actions';
import { FieldShell, fieldProps } from '@/components/admin/field-shell';
import { FormBanner, useActionForm } from '@/components/form-feedback';
import { changePasswordSchema, type ChangePasswordInput } from '@/lib/account/change-password-schema';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';

const EMPTY: ChangePasswordInput = { currentPassword: '', newPassword: '', confirmPassword: '' };

const FIELDS = [
  { name: 'currentPassword', label: '当前密码', autoComplete: 'current-password' },
  { name: 'newPassword', label: '新密码', autoComplete: 'new-password' },
  { name: 'confirmPassword', label: '再次输入新密码', autoComplete: 'new-password' },
] as const;

/**
 * Current password, then the new one twice. The change ends every session of the user, this one
 * too, so the form signs `username` in again with the new password. `afterChange` is where the
 * forced change sends the user on; the account page stays where it is.
 */
export function ChangePasswordForm({
  username,
  currentLabel = '当前密码',
  afterChange,
}: {
  username: string;
  currentLabel?: string;
  afterChange?: string;
}) {
  const { form, banner, onSubmit } = useActionForm({
    schema: changePasswordSchema,
    defaultValues: EMPTY,
    action: changePasswordAction,
    resetTo: () => EMPTY,
    refresh: false,
    onSuccess: async ({ newPassword }) => {
      await signIn('credentials', { redirect: false, username, password: newPassword });
      // A full navigation, so that every server component reads the new session and the cleared flag.
      if (afterChange) window.location.assign(afterChange);
    },
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form-stack" aria-label="修改密码">
      {FIELDS.map((f) => (
        <FieldShell
          key={f.name}
          name={f.name}
          label={f.name === 'currentPassword' ? currentLabel : f.label}
          control={form.control}
        >
          <input type="password" autoComplete={f.autoComplete} {...fieldProps(form, f.name)} />
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
