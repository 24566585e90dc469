import { z } from 'zod';

/** The e-mail copy of one's notices: an address, or '' for none (form and server alike). */
export const notificationEmailSchema = z.object({
  email: z
    .string()
    .trim()
    .max(200, '邮箱地址过长')
    .refine((s) => s === '' || z.email().safeParse(s).success, '请输入有效的邮箱地址，如 zhangwei@example.gov.cn'),
});
