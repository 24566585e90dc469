'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import {
  deactivateUserAction,
  reactivateUserAction,
  resetUserPasswordAction,
} from '@/app/(app)/admin/users/[id]/actions';
import { FormBanner, useActionForm, useServerFeedback } from '@/components/form-feedback';
import { resetPasswordSchema } from '@/lib/admin/user-schemas';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import styles from './admin.module.css';
import { FieldShell, fieldProps } from './field-shell';

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
  const { form, banner, onSubmit } = useActionForm({
    schema: resetPasswordSchema,
    defaultValues: { userId, temporaryPassword: '' },
    action: resetUserPasswordAction,
    resetTo: () => ({ userId, temporaryPassword: '' }),
  });

  return (
    <form onSubmit={onSubmit} noValidate className="card form-stack" aria-label="重置密码">
      <h2>重置密码</h2>
      <FieldShell
        name="temporaryPassword"
        label="新的临时密码"
        hint={`至少 ${MIN_PASSWORD_LENGTH} 个字符。重置后请告知本人，其下次登录时须先修改密码。`}
        control={form.control}
      >
        <input type="text" autoComplete="new-password" {...fieldProps(form, 'temporaryPassword')} />
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
