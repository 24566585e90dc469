'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { updateUserAction } from '@/app/(app)/admin/users/actions';
import { FormBanner, useServerFeedback } from '@/components/form-feedback';
import { callAction } from '@/lib/action-state';
import { updateUserSchema, type UpdateUserInput } from '@/lib/admin/user-schemas';
import styles from './admin.module.css';
import { FieldShell, fieldIds } from './field-shell';
import { RoleDepartmentFields, type DepartmentOption } from './role-department-fields';

export function EditUserForm({
  initial,
  departments,
  isSelf,
}: {
  initial: UpdateUserInput;
  departments: DepartmentOption[];
  isSelf: boolean;
}) {
  const router = useRouter();
  const form = useForm<UpdateUserInput, unknown, z.output<typeof updateUserSchema>>({
    resolver: zodResolver(updateUserSchema),
    defaultValues: initial,
  });
  const { register, formState } = form;
  const { banner, show, invalid } = useServerFeedback(form);

  const onSubmit = form.handleSubmit(
    async (values) => {
      const state = await callAction(updateUserAction, values);
      if (show(state)) {
        form.reset(form.getValues());
        router.refresh();
      }
    },
    () => invalid(),
  );

  return (
    <form onSubmit={onSubmit} noValidate className={`card form-stack ${styles.narrowForm}`} aria-label="基本信息">
      <h2>基本信息</h2>
      <div className={styles.grid}>
        <FieldShell name="displayName" label="姓名" control={form.control}>
          <input
            {...register('displayName')}
            aria-invalid={Boolean(formState.errors.displayName)}
            aria-labelledby={fieldIds('displayName').labelledBy}
            aria-describedby={fieldIds('displayName').describedBy}
          />
        </FieldShell>
        <RoleDepartmentFields
          form={form}
          departments={departments}
          roleLocked={isSelf ? '不能修改自己的角色' : undefined}
        />
      </div>
      <FormBanner banner={banner} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={formState.isSubmitting}>
          保存修改
        </button>
      </div>
    </form>
  );
}
