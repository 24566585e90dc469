'use client';

import { notificationEmailAction } from '@/app/(app)/notifications/actions';
import { FieldShell, fieldProps } from '@/components/admin/field-shell';
import { FormBanner, useActionForm } from '@/components/form-feedback';
import { notificationEmailSchema } from '@/lib/notifications/schemas';

/** Where one's notices are copied by e-mail; empty turns the copy off. */
export function NotificationEmailForm({ email, mailOn }: { email: string; mailOn: boolean }) {
  const { form, banner, onSubmit } = useActionForm({
    schema: notificationEmailSchema,
    defaultValues: { email },
    action: notificationEmailAction,
  });
  return (
    <form onSubmit={onSubmit} noValidate className="form-stack" aria-label="邮件通知">
      <FieldShell name="email" label="通知邮箱" control={form.control}>
        <input type="email" autoComplete="email" {...fieldProps(form, 'email')} />
      </FieldShell>
      <p className="muted">
        {mailOn
          ? '填写后，每条通知同时发送到该邮箱；留空则只在系统内通知。'
          : '本系统未配置邮件服务器，目前只在系统内通知。'}
      </p>
      <FormBanner banner={banner} />
      <div className="button-row">
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          保存
        </button>
      </div>
    </form>
  );
}
