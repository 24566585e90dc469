'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { safeReturnPath } from '@/lib/auth/safe-redirect';
import { signInErrorMessage } from '@/lib/auth/sign-in-codes';

const loginSchema = z.object({
  username: z.string().trim().min(1, '请输入用户名'),
  password: z.string().min(1, '请输入密码'),
});
type LoginValues = z.infer<typeof loginSchema>;

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<LoginValues>({ resolver: zodResolver(loginSchema) });

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const result = await signIn('credentials', { ...values, redirect: false });
    if (!result || result.error) {
      setError(signInErrorMessage(result?.error ?? ''));
      return;
    }
    // A full navigation so every server component reads the new session cookie.
    window.location.assign(safeReturnPath(callbackUrl, '/'));
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form-stack">
      <label className="field">
        <span>用户名</span>
        <input
          autoComplete="username"
          autoFocus
          {...register('username')}
          aria-invalid={Boolean(formState.errors.username)}
        />
        {formState.errors.username && <small className="field-error">{formState.errors.username.message}</small>}
      </label>
      <label className="field">
        <span>密码</span>
        <input
          type="password"
          autoComplete="current-password"
          {...register('password')}
          aria-invalid={Boolean(formState.errors.password)}
        />
        {formState.errors.password && <small className="field-error">{formState.errors.password.message}</small>}
      </label>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? '正在登录…' : '登录'}
      </button>
    </form>
  );
}
