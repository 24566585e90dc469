'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { updateProjectTargetsAction } from '@/app/(app)/admin/targets/actions';
import { FieldError } from '@/components/evaluation/field-error';
import { CharCount } from '@/components/evaluation/limited-text';
import { FormBanner, useFollowServerVersion, useServerFeedback } from '@/components/form-feedback';
import { Options } from '@/components/options';
import { callAction } from '@/lib/action-state';
import { formatScore } from '@/lib/format';
import { allocatePoints, type Scheme } from '@/lib/scoring';
import { describeTarget, targetKindLabel } from '@/lib/targets/describe';
import { parseTargetText } from '@/lib/targets/parse-target-text';
import { LEVEL1_NAMES } from '@/lib/targets/table-types';
import { GOAL_LIMIT, pointsErrors, projectTargetsSchema, type ProjectTargets } from '@/lib/targets/targets-form';

const EMPTY_ROW = {
  level1Code: '1' as const,
  level2Code: '',
  level2Name: '',
  name: '',
  periodTargetText: '',
  annualTargetText: '',
  points: '',
};

/** The project's indicators as an editable table, with the rule book's points check shown as you type. */
export function TargetsEditor({ initial, scheme }: { initial: ProjectTargets; scheme: Scheme }) {
  const router = useRouter();
  const form = useForm<ProjectTargets>({ resolver: zodResolver(projectTargetsSchema), defaultValues: initial });
  const { register, control, handleSubmit } = form;
  const { fields, append, remove, move } = useFieldArray({ control, name: 'indicators' });
  const watched = useWatch({ control, name: 'indicators' }) as ProjectTargets['indicators'] | undefined;
  const rows = useMemo(() => watched ?? [], [watched]);
  const goal = useWatch({ control, name: 'goal' }) ?? '';
  const { banner, show } = useServerFeedback(form);
  useFollowServerVersion(form, initial);

  const live = useMemo(() => {
    const valid = rows.filter((r) => r && ['1', '2', '3'].includes(r.level1Code));
    return {
      allocation: allocatePoints(
        valid.map((r) => ({ level1Code: r.level1Code, points: r.points?.trim() ? r.points.trim() : null })),
        scheme,
      ),
      errors: pointsErrors(valid, scheme),
    };
  }, [rows, scheme]);

  const onSubmit = handleSubmit(async (values) => {
    if (!show(await callAction(updateProjectTargetsAction, values))) return;
    form.reset(values);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form-stack">
      <label className="field card">
        <span>绩效目标</span>
        <textarea rows={4} aria-label="绩效目标" aria-invalid={goal.length > GOAL_LIMIT} {...register('goal')} />
        <CharCount length={goal.length} max={GOAL_LIMIT} />
        <FieldError control={control} name="goal" />
      </label>
      <table className="data-table compact" data-testid="targets-editor">
        <thead>
          <tr>
            <th className="num">序号</th>
            <th>一级指标</th>
            <th>二级指标（编码 / 名称）</th>
            <th>三级指标</th>
            <th>年度指标值</th>
            <th>解析</th>
            <th>分值</th>
            <th className="num">分配结果</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {fields.map((field, i) => {
            const target = parseTargetText(rows[i]?.annualTargetText ?? '');
            const pointsMessage = live.errors[`indicators.${i}.points`];
            return (
              <tr key={field.id}>
                <td className="num">{i + 1}</td>
                <td>
                  <select aria-label={`第${i + 1}行 一级指标`} {...register(`indicators.${i}.level1Code`)}>
                    <Options items={['1', '2', '3'] as const} label={(c) => `${c}-${LEVEL1_NAMES[c]}`} />
                  </select>
                </td>
                <td>
                  <input
                    className="short"
                    aria-label={`第${i + 1}行 二级指标编码`}
                    placeholder="11"
                    {...register(`indicators.${i}.level2Code`)}
                  />
                  <input
                    aria-label={`第${i + 1}行 二级指标`}
                    placeholder="数量指标"
                    {...register(`indicators.${i}.level2Name`)}
                  />
                  <FieldError control={control} name={`indicators.${i}.level2Code`} />
                  <FieldError control={control} name={`indicators.${i}.level2Name`} />
                </td>
                <td>
                  <input aria-label={`第${i + 1}行 三级指标`} {...register(`indicators.${i}.name`)} />
                  <FieldError control={control} name={`indicators.${i}.name`} />
                </td>
                <td>
                  <input aria-label={`第${i + 1}行 年度指标值`} {...register(`indicators.${i}.annualTargetText`)} />
                  <FieldError control={control} name={`indicators.${i}.annualTargetText`} />
                </td>
                <td className="muted">
                  <span className={`kind kind-${target.kind}`}>{targetKindLabel(target)}</span> {describeTarget(target)}
                </td>
                <td>
                  <input
                    className="short"
                    inputMode="decimal"
                    aria-label={`第${i + 1}行 分值`}
                    placeholder="自动"
                    {...register(`indicators.${i}.points`)}
                    aria-invalid={Boolean(pointsMessage)}
                  />
                  {pointsMessage && <small className="field-error">{pointsMessage}</small>}
                  <FieldError control={control} name={`indicators.${i}.points`} />
                </td>
                <td className="num">{formatScore(live.allocation.points[i])}</td>
                <td className="nowrap">
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`上移第${i + 1}行`}
                    disabled={i === 0}
                    onClick={() => move(i, i - 1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`删除第${i + 1}行`}
                    onClick={() => remove(i)}
                  >
                    删除
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {live.errors._ && <p className="form-error">{live.errors._}</p>}
      <FieldError control={control} name="indicators" />
      <div className="button-row">
        <button type="button" className="button" onClick={() => append(EMPTY_ROW)}>
          添加指标
        </button>
        <button type="submit" className="button primary" disabled={form.formState.isSubmitting}>
          保存绩效目标
        </button>
      </div>
      <FormBanner banner={banner} />
    </form>
  );
}
