'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import {
  createDepartmentAction,
  deactivateDepartmentAction,
  reactivateDepartmentAction,
  renameDepartmentAction,
} from '@/app/(app)/admin/departments/actions';
import { FieldError } from '@/components/evaluation/field-error';
import { FormBanner, useServerFeedback } from '@/components/form-feedback';
import { callAction } from '@/lib/action-state';
import {
  createDepartmentSchema,
  renameDepartmentSchema,
  type CreateDepartmentInput,
  type RenameDepartmentInput,
} from '@/lib/admin/department-schemas';
import styles from './admin.module.css';
import { FieldShell, fieldIds } from './field-shell';

export function CreateDepartmentForm() {
  const router = useRouter();
  const form = useForm<CreateDepartmentInput, unknown, z.output<typeof createDepartmentSchema>>({
    resolver: zodResolver(createDepartmentSchema),
    defaultValues: { name: '' },
  });
  const { banner, show, clear } = useServerFeedback(form);
  const onSubmit = form.handleSubmit(
    async (values) => {
      if (show(await callAction(createDepartmentAction, values))) {
        form.reset({ name: '' });
        router.refresh();
      }
    },
    () => clear(),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="card form-stack" aria-label="新建部门">
      <div className={styles.inline}>
        <FieldShell name="name" label="部门名称" control={form.control}>
          <input
            {...form.register('name')}
            aria-invalid={Boolean(form.formState.errors.name)}
            aria-labelledby={fieldIds('name').labelledBy}
            aria-describedby={fieldIds('name').describedBy}
          />
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
  name,
  active,
}: {
  departmentId: number;
  name: string;
  active: boolean;
}) {
  const router = useRouter();
  const form = useForm<RenameDepartmentInput, unknown, z.output<typeof renameDepartmentSchema>>({
    resolver: zodResolver(renameDepartmentSchema),
    defaultValues: { departmentId, name },
  });
  const { banner, show, clear } = useServerFeedback(form);
  const [busy, setBusy] = useState(false);
  const errorId = `department-${departmentId}-error`;

  const onRename = form.handleSubmit(
    async (values) => {
      if (show(await callAction(renameDepartmentAction, values))) {
        form.reset(form.getValues());
        router.refresh();
      }
    },
    () => clear(),
  );
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
