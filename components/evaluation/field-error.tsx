'use client';

import { get, useFormState, type Control, type FieldValues } from 'react-hook-form';

/** The message of one field, next to it; `id` lets the input point at it with aria-describedby. */
export function FieldError<T extends FieldValues>({
  control,
  name,
  id,
}: {
  control: Control<T>;
  name: string;
  id?: string;
}) {
  const { errors } = useFormState({ control, name: name as never });
  const error = get(errors, name) as { message?: string } | undefined;
  if (!error?.message) return null;
  return (
    <small className="field-error" id={id} role="alert">
      {error.message}
    </small>
  );
}
