'use client';

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
  const { form, banner, onSubmit } = useActionForm({
    schema: changePasswordSchema,
    defaultValues: EMPTY,
    action: changePasswordAction,
    resetTo: () => EMPTY,
    refresh: false,
    // A full navigation, so that every server component reads the cleared temporary-password flag.
    onSuccess: () => afterChange && window.location.assign(afterChange),
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
