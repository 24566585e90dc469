'use client';

import { get, type Control, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import { FieldError } from '@/components/evaluation/field-error';

/** Ids for one field: its input names itself with `labelledBy`, so hints and errors do not become part of its name. */
export function fieldIds(name: string) {
  return { labelledBy: `${name}-label`, describedBy: `${name}-hint ${name}-error` };
}

/** What the input of a FieldShell needs: registered, marked when invalid, named by its label, described by hint and message. */
export function fieldProps<T extends FieldValues>(form: UseFormReturn<T>, name: Path<T>) {
  const ids = fieldIds(name);
  return {
    ...form.register(name),
    'aria-invalid': Boolean(get(form.formState.errors, name)),
    'aria-labelledby': ids.labelledBy,
    'aria-describedby': ids.describedBy,
  };
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
