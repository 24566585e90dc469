import { z } from 'zod';
import { passwordField } from './password-rules';

/** Shared by the form in the browser and the server action. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: '请输入当前密码' }).min(1, '请输入当前密码').max(200, '当前密码不正确'),
    newPassword: passwordField('新密码'),
    confirmPassword: z.string({ error: '请再次输入新密码' }).min(1, '请再次输入新密码'),
  })
  .superRefine((input, ctx) => {
    if (input.confirmPassword !== input.newPassword)
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: '两次输入的新密码不一致' });
    if (input.newPassword === input.currentPassword)
      ctx.addIssue({ code: 'custom', path: ['newPassword'], message: '新密码不能与当前密码相同' });
  });

export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
