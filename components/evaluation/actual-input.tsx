'use client';

import { Options } from '@/components/options';
import { partLabels, unitOf } from '@/lib/evaluations/labels';
import { bandInWords, QUALITATIVE_TIERS, type Scheme } from '@/lib/scoring/scheme';
import { COMPARATOR_SYMBOLS, type QuantitativePart } from '@/lib/targets/types';
import { FieldError } from './field-error';
import { useRowForm, type RowProps } from './row-form';

/** A compound part's target beside its input (`/ 3 台`, `/ ≤ 5 %`): what to reach, in the part's unit. */
function partTarget(part: QuantitativePart): string {
  const value = part.comparator === 'range' ? `${part.value}–${part.upper ?? ''}` : part.value;
  const sign = part.comparator === '<=' || part.comparator === '<' ? `${COMPARATOR_SYMBOLS[part.comparator]} ` : '';
  return `${sign}${value} ${part.unit}`.trim();
}

/** The input that fits the target: a number with its unit, one number per compound part, or tier + percent. */
export function ActualInput({ indicator, index, scheme }: RowProps & { scheme: Scheme }) {
  const { register, control, watch, base, invalid } = useRowForm(index);
  const target = indicator.target;

  if (target.kind === 'qualitative') {
    const tier = watch(`${base}.tier`);
    const band = tier ? scheme.qualitativeTiers[tier] : null;
    return (
      <div className="actual-input qualitative">
        <select
          aria-label={`${indicator.name} 评定等级`}
          {...register(`${base}.tier`)}
          aria-invalid={invalid(`${base}.tier`)}
        >
          <option value="">请选择等级</option>
          <Options items={QUALITATIVE_TIERS} label={(t) => `${t}（${bandInWords(scheme.qualitativeTiers[t])}）`} />
        </select>
        <FieldError control={control} name={`${base}.tier`} />
        {band && (
          <label className="inline-field">
            <span>得分比例</span>
            <input
              inputMode="decimal"
              className="short"
              placeholder={String(band.defaultPercent)}
              aria-label={`${indicator.name} 得分比例`}
              {...register(`${base}.percent`)}
              aria-invalid={invalid(`${base}.percent`)}
            />
            <span className="unit">%</span>
          </label>
        )}
        <FieldError control={control} name={`${base}.percent`} />
      </div>
    );
  }

  if (target.kind === 'compound') {
    const labels = partLabels(indicator.name, target);
    return (
      <div className="actual-input compound">
        {target.parts.map((part, i) => (
          <div key={i}>
            <label className="inline-field">
              <span className="part-label">{labels[i]}</span>
              <input
                inputMode="decimal"
                className="short"
                aria-label={`${indicator.name} ${labels[i]}`}
                {...register(`${base}.parts.${i}`)}
                aria-invalid={invalid(`${base}.parts.${i}`)}
              />
              <span className="part-target">/ {partTarget(part)}</span>
            </label>
            <FieldError control={control} name={`${base}.parts.${i}`} />
          </div>
        ))}
      </div>
    );
  }

  return (
    <div className="actual-input">
      <label className="inline-field">
        <input
          inputMode="decimal"
          className="short"
          aria-label={`${indicator.name} 实际完成值`}
          {...register(`${base}.value`)}
          aria-invalid={invalid(`${base}.value`)}
        />
        <span className="unit">{unitOf(target)}</span>
      </label>
      <FieldError control={control} name={`${base}.value`} />
    </div>
  );
}
