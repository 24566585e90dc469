import type { Page } from '@playwright/test';

/** What the administrator types into the new-user form (/admin/users/new); a field left out is left as it is. */
export interface NewUserFields {
  username?: string;
  name?: string;
  role?: string;
  department?: string;
  password?: string;
}

/** Fills the new-user form, field by field in the form's order, and presses 创建用户 (whatever the answer). */
export async function submitNewUser(admin: Page, fields: NewUserFields) {
  if (fields.username !== undefined) await admin.getByLabel('用户名').fill(fields.username);
  if (fields.name !== undefined) await admin.getByLabel('姓名').fill(fields.name);
  if (fields.role !== undefined) await admin.getByLabel('角色').selectOption({ label: fields.role });
  if (fields.department !== undefined) await admin.getByLabel('部门').selectOption({ label: fields.department });
  if (fields.password !== undefined) await admin.getByLabel('临时密码').fill(fields.password);
  await admin.getByRole('button', { name: '创建用户' }).click();
}
