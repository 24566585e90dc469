'use client';

import { useFieldArray, type Control, type UseFormRegister } from 'react-hook-form';
import { FieldError } from '@/components/evaluation/field-error';
import type { YearSettingsInput } from '@/lib/years/scheme-form';

/**
 * The scheme's execution caps as an editable list (rule book § Scores): each row "执行率低于 below%，
 * 总分不超过 maxTotal 分". Order and duplicates are checked on the server, next to the row.
 */
export function ExecutionCapsEditor({
  control,
  register,
  disabled,
}: {
  control: Control<YearSettingsInput>;
  register: UseFormRegister<YearSettingsInput>;
  disabled: boolean;
}) {
  const { fields, append, remove } = useFieldArray({ control, name: 'scheme.executionCaps' });
  return (
    <fieldset className="caps-editor" data-testid="caps-editor">
      <legend>预算执行率封顶</legend>
      <p className="muted">
        预算执行率低于某一比例时，总分不超过对应分数；同时满足多条时取最低的封顶分。请按执行率从高到低排列。
      </p>
      {fields.length === 0 ? (
        <p className="muted">未设置封顶：总分不受预算执行率限制。</p>
      ) : (
        <table className="data-table compact">
          <thead>
            <tr>
              <th>执行率低于（%）</th>
              <th>总分不超过（分）</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {fields.map((field, i) => (
              <tr key={field.id} data-testid="cap-row">
                <td>
                  <input
                    inputMode="decimal"
                    aria-label={`第${i + 1}条封顶：执行率低于（%）`}
                    disabled={disabled}
                    {...register(`scheme.executionCaps.${i}.below`)}
                  />
                  <FieldError control={control} name={`scheme.executionCaps.${i}.below`} />
                </td>
                <td>
                  <input
                    inputMode="decimal"
                    aria-label={`第${i + 1}条封顶：总分不超过（分）`}
                    disabled={disabled}
                    {...register(`scheme.executionCaps.${i}.maxTotal`)}
                  />
                  <FieldError control={control} name={`scheme.executionCaps.${i}.maxTotal`} />
                </td>
                <td>
                  <button type="button" className="button danger" disabled={disabled} onClick={() => remove(i)}>
                    删除
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FieldError control={control} name="scheme.executionCaps" />
      <FieldError control={control} name="scheme.executionCaps.root" />
      <button
        type="button"
        className="button"
        disabled={disabled}
        onClick={() => append({ below: '', maxTotal: '' } as never)}
      >
        添加封顶规则
      </button>
    </fieldset>
  );
}
