'use client';

import { FieldError } from '@/components/evaluation/field-error';
import type { Control, FieldValues } from 'react-hook-form';

/** Ids for one field: its input names itself with `labelledBy`, so hints and errors do not become part of its name. */
export function fieldIds(name: string) {
  return { labelledBy: `${name}-label`, describedBy: `${name}-hint ${name}-error` };
}

/** Label, input, hint and the field's message, laid out as every form here does. */
export function FieldShell<T extends FieldValues>({
  name,
  label,
  hint,
  control,
  children,
}: {
  name: string;
  label: string;
  hint?: React.ReactNode;
  control: Control<T>;
  children: React.ReactNode;
}) {
  return (
    <label className="field">
      <span id={`${name}-label`}>{label}</span>
      {children}
      {hint && (
        <small className="muted" id={`${name}-hint`}>
          {hint}
        </small>
      )}
      <FieldError control={control} name={name} id={`${name}-error`} />
    </label>
  );
}
