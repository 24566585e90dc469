'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { deactivateUserAction, reactivateUserAction, resetUserPasswordAction } from '@/app/(app)/admin/users/actions';
import { FormBanner, useServerFeedback } from '@/components/form-feedback';
import { callAction } from '@/lib/action-state';
import { resetPasswordSchema, type ResetPasswordInput } from '@/lib/admin/user-schemas';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import styles from './admin.module.css';
import { FieldShell, fieldIds } from './field-shell';

interface Props {
  userId: number;
  displayName: string;
  active: boolean;
  isSelf: boolean;
}

/** Switching a user off or on. Never a delete: a user's name stays on everything they did. */
function ActiveSwitch({ userId, displayName, active, isSelf }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const { banner, show } = useServerFeedback();

  const toggle = async () => {
    setBusy(true);
    try {
      const state = await (active ? deactivateUserAction : reactivateUserAction)({ userId });
      if (show(state)) router.refresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card form-stack" aria-label="账号状态">
      <h2>账号状态</h2>
      <p>
        当前：<strong data-testid="user-status">{active ? '启用' : '停用'}</strong>
      </p>
      <p className={styles.hint}>
        {active
          ? `停用后 ${displayName} 无法登录，已登录的会话也随即失效；其历史操作记录保留姓名。`
          : '启用后该用户可以再次登录。'}
      </p>
      <FormBanner banner={banner} />
      {isSelf ? (
        <p className="muted">不能停用自己的账号。</p>
      ) : (
        <div className="button-row">
          <button
            type="button"
            className={active ? 'button danger' : 'button'}
            disabled={busy}
            onClick={() => void toggle()}
          >
            {active ? '停用账号' : '启用账号'}
          </button>
        </div>
      )}
    </section>
  );
}

function ResetPasswordForm({ userId }: { userId: number }) {
  const form = useForm<ResetPasswordInput, unknown, z.output<typeof resetPasswordSchema>>({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: { userId, temporaryPassword: '' },
  });
  const { banner, show, invalid } = useServerFeedback(form);
  const router = useRouter();

  const onSubmit = form.handleSubmit(
    async (values) => {
      if (show(await callAction(resetUserPasswordAction, values))) {
        form.reset({ userId, temporaryPassword: '' });
        router.refresh();
      }
    },
    () => invalid(),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="card form-stack" aria-label="重置密码">
      <h2>重置密码</h2>
      <FieldShell
        name="temporaryPassword"
        label="新的临时密码"
        hint={`至少 ${MIN_PASSWORD_LENGTH} 个字符。重置后请告知本人，其下次登录时须先修改密码。`}
        control={form.control}
      >
        <input
          type="text"
          autoComplete="new-password"
          {...form.register('temporaryPassword')}
          aria-invalid={Boolean(form.formState.errors.temporaryPassword)}
          aria-labelledby={fieldIds('temporaryPassword').labelledBy}
          aria-describedby={fieldIds('temporaryPassword').describedBy}
        />
      </FieldShell>
      <FormBanner banner={banner} />
      <div className="button-row">
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          重置密码
        </button>
      </div>
    </form>
  );
}

export function UserAccessPanel(props: Props) {
  return (
    <div className={styles.grid}>
      <ActiveSwitch {...props} />
      {props.isSelf ? (
        <section className="card">
          <h2>重置密码</h2>
          <p className="muted">请在“我的账号”页面修改自己的密码。</p>
        </section>
      ) : (
        <ResetPasswordForm userId={props.userId} />
      )}
    </div>
  );
}
