'use client';

import { useFormContext, useWatch, type FieldValues, type Path } from 'react-hook-form';
import { FieldError } from './field-error';

const grouped = (n: number) => n.toLocaleString('en-US');

/** `1,234 / 2,000`, red once the text is longer than its limit (the schema then refuses it with a message). */
export function CharCount({ length, max }: { length: number; max: number }) {
  const over = length > max;
  return (
    <small className={over ? 'char-count over' : 'char-count'} data-testid="char-count">
      {grouped(length)} / {grouped(max)}
      {over && <span className="sr-only">，已超出 {grouped(length - max)} 字</span>}
    </small>
  );
}

/**
 * A text box of a form with a limit: no maxLength that would cut a paste silently; the whole text
 * stays, the counter turns red and the shared schema's message stands beside it until it is shortened.
 */
export function LimitedText<T extends FieldValues>({
  name,
  max,
  label,
  rows = 2,
  single = false,
  required = false,
  placeholder,
}: {
  name: Path<T>;
  max: number;
  label: string;
  rows?: number;
  /** One line (`<input>`): a reason. */
  single?: boolean;
  required?: boolean;
  placeholder?: string;
}) {
  const { register, control, getFieldState, formState } = useFormContext<T>();
  const text = (useWatch({ control, name }) as string | undefined) ?? '';
  const props = {
    'aria-label': label,
    'aria-invalid': getFieldState(name, formState).invalid || text.length > max,
    'aria-required': required || undefined,
    placeholder,
    ...register(name),
  };
  return (
    <div className="limited-text">
      {single ? <input {...props} /> : <textarea rows={rows} {...props} />}
      <CharCount length={text.length} max={max} />
      <FieldError control={control} name={name} />
    </div>
  );
}
