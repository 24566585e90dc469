'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import {
  createDepartmentAction,
  deactivateDepartmentAction,
  reactivateDepartmentAction,
  renameDepartmentAction,
} from '@/app/(app)/admin/departments/actions';
import { FieldError } from '@/components/evaluation/field-error';
import { FormBanner, useActionForm } from '@/components/form-feedback';
import { createDepartmentSchema, renameDepartmentSchema } from '@/lib/admin/department-schemas';
import styles from './admin.module.css';
import { FieldShell, fieldProps } from './field-shell';

export function CreateDepartmentForm() {
  const { form, banner, onSubmit } = useActionForm({
    schema: createDepartmentSchema,
    defaultValues: { name: '' },
    action: createDepartmentAction,
    resetTo: () => ({ name: '' }),
    onInvalid: ({ clear }) => clear(),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="card form-stack" aria-label="新建部门">
      <div className={styles.inline}>
        <FieldShell name="name" label="部门名称" control={form.control}>
          <input {...fieldProps(form, 'name')} />
        </FieldShell>
        <button type="submit" className={`button primary ${styles.end}`} disabled={form.formState.isSubmitting}>
          新建部门
        </button>
      </div>
      <FormBanner banner={banner} />
    </form>
  );
}

/** Rename inline and switch on or off, in one table row's cells. */
export function DepartmentRowActions({
  departmentId,
  version,
  name,
  active,
}: {
  departmentId: number;
  /** The department's version when the page was rendered: a rename since then is a conflict. */
  version: number;
  name: string;
  active: boolean;
}) {
  const router = useRouter();
  const {
    form,
    banner,
    show,
    onSubmit: onRename,
  } = useActionForm({
    schema: renameDepartmentSchema,
    defaultValues: { departmentId, version, name },
    action: renameDepartmentAction,
    onInvalid: ({ clear }) => clear(),
  });
  const [busy, setBusy] = useState(false);
  const errorId = `department-${departmentId}-error`;
  const toggle = async () => {
    setBusy(true);
    try {
      if (show(await (active ? deactivateDepartmentAction : reactivateDepartmentAction)({ departmentId })))
        router.refresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.stack}>
      <form onSubmit={onRename} noValidate className={styles.inline}>
        <input
          aria-label={`${name} 新名称`}
          {...form.register('name')}
          aria-invalid={Boolean(form.formState.errors.name)}
          aria-describedby={errorId}
        />
        <button type="submit" className="button" disabled={form.formState.isSubmitting || !form.formState.isDirty}>
          改名
        </button>
        <button
          type="button"
          className={active ? 'button danger' : 'button'}
          disabled={busy}
          onClick={() => void toggle()}
          aria-label={`${active ? '停用' : '启用'} ${name}`}
        >
          {active ? '停用' : '启用'}
        </button>
      </form>
      <FieldError control={form.control} name="name" id={errorId} />
      <FormBanner banner={banner} />
    </div>
  );
}
