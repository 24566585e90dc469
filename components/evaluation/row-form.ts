'use client';

import { useFormContext } from 'react-hook-form';
import type { SheetIndicator } from '@/lib/evaluations/engine-input';
import type { EvaluationDraft } from '@/lib/evaluations/form-schema';

/** The indicator a row's inputs are for, and its place in the form's `indicators`. */
export interface RowProps {
  indicator: SheetIndicator;
  index: number;
}

/** The form seen from row `index`: react-hook-form's context, the row's field prefix, and whether a field is invalid. */
export function useRowForm(index: number) {
  const form = useFormContext<EvaluationDraft>();
  const invalid = (name: Parameters<typeof form.getFieldState>[0]) => form.getFieldState(name, form.formState).invalid;
  return { ...form, base: `indicators.${index}` as const, invalid };
}
