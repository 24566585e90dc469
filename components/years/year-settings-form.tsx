'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, useWatch, type Path } from 'react-hook-form';
import { updateYearAction, whatIfAction } from '@/app/(app)/admin/years/actions';
import { FieldError } from '@/components/evaluation/field-error';
import { FormBanner, useFollowServerVersion, useServerFeedback } from '@/components/form-feedback';
import { Options } from '@/components/options';
import { callAction } from '@/lib/action-state';
import { QUALITATIVE_TIERS } from '@/lib/scoring/scheme';
import { SCHEME_LABELS } from '@/lib/years/labels';
import {
  PRESET_FORMS,
  SCHEME_FORM_PRESETS,
  yearSettingsSchema,
  type SchemeFormPreset,
  type YearSettings,
  type YearSettingsInput,
} from '@/lib/years/scheme-form';
import { ExecutionCapsEditor } from './execution-caps-editor';
import { WhatIfTable, type WhatIfRow } from './what-if-table';

/** Year settings: open/closed, deadline, and the scheme (a preset or every setting), with a what-if before saving. */
export function YearSettingsForm({ initial, locked }: { initial: YearSettings; locked: boolean }) {
  const router = useRouter();
  const form = useForm<YearSettingsInput, unknown, YearSettings>({
    resolver: zodResolver(yearSettingsSchema),
    defaultValues: initial,
  });
  const { register, control, setValue, handleSubmit } = form;
  const preset = useWatch({ control, name: 'scheme.preset' });
  const [whatIf, setWhatIf] = useState<WhatIfRow[] | null>(null);
  const { banner, setBanner, show } = useServerFeedback(form);
  useFollowServerVersion(form, initial);
  const custom = preset === 'custom';

  const choosePreset = (value: SchemeFormPreset) => {
    if (value !== 'custom') {
      const { preset: _ignored, ...settings } = PRESET_FORMS[value];
      for (const [key, v] of Object.entries(settings)) setValue(`scheme.${key}` as Path<YearSettingsInput>, v as never);
    }
    setValue('scheme.preset', value);
    setWhatIf(null);
  };

  const onWhatIf = handleSubmit(async (values) => {
    setBanner(null);
    const state = await callAction(whatIfAction, { year: values.year, scheme: values.scheme });
    if (!state.ok) return void show(state);
    setWhatIf(state.data.rows);
  });

  const onSave = handleSubmit(async (values) => {
    if (!show(await callAction(updateYearAction, values))) return;
    form.reset(values);
    router.refresh();
  });

  const number = (name: Path<YearSettingsInput>, label: string) => (
    <label className="field">
      <span>{label}</span>
      <input inputMode="decimal" aria-label={label} disabled={locked || !custom} {...register(name)} />
      <FieldError control={control} name={name} />
    </label>
  );

  return (
    <form className="form-stack" noValidate onSubmit={(e) => void onSave(e)}>
      <fieldset>
        <legend>年度状态</legend>
        <div className="settings-grid">
          <label className="field">
            <span>状态</span>
            <select {...register('status')}>
              <option value="open">开放（可填写、提交）</option>
              <option value="closed">关闭（只读）</option>
            </select>
          </label>
          <label className="field">
            <span>截止日期</span>
            <input type="date" aria-label="截止日期" {...register('deadline')} />
            <FieldError control={control} name="deadline" />
          </label>
        </div>
      </fieldset>

      <fieldset disabled={locked}>
        <legend>评分方案</legend>
        <label className="field">
          <span>方案</span>
          <select
            aria-label="评分方案"
            value={preset}
            onChange={(e) => choosePreset(e.target.value as SchemeFormPreset)}
          >
            <Options items={SCHEME_FORM_PRESETS} label={(p) => SCHEME_LABELS[p]} />
          </select>
        </label>
        <p className="muted">
          {custom ? '自定义：以下每项均可修改；预算分值与各一级指标分值之和须为 100。' : '选择“自定义方案”可逐项修改。'}
        </p>
        <div className="settings-grid">
          {number('scheme.budgetPoints', '预算执行率分值')}
          {number('scheme.levelPoints.1', '产出指标分值')}
          {number('scheme.levelPoints.2', '效益指标分值')}
          {number('scheme.levelPoints.3', '满意度指标分值')}
          <label className="field">
            <span>反向指标公式</span>
            <select disabled={locked || !custom} {...register('scheme.reverseFormula')}>
              <option value="ratio">比值：指标值 ÷ 实际值</option>
              <option value="linear">线性：1 − 超出部分 ÷ 指标值</option>
            </select>
          </label>
          {number('scheme.overAchievementThreshold', '超额说明阈值（%）')}
          {number('scheme.budgetExecutionThreshold', '执行率说明阈值（%）')}
          <label className="field">
            <span>得分精度</span>
            <select disabled={locked || !custom} {...register('scheme.precision')}>
              <option value="2">保留两位小数</option>
              <option value="1">保留一位小数</option>
              <option value="0">取整</option>
            </select>
          </label>
          {number('scheme.overAchievementDeduction', '超额扣分（分，0为只须说明）')}
          {number('scheme.gradeBands.优', '“优”最低分')}
          {number('scheme.gradeBands.良', '“良”最低分')}
          {number('scheme.gradeBands.中', '“中”最低分')}
          {QUALITATIVE_TIERS.flatMap((t) => [
            <span key={`${t}-a`}>{number(`scheme.tiers.${t}.min`, `${t}：下限（%）`)}</span>,
            <span key={`${t}-b`}>{number(`scheme.tiers.${t}.max`, `${t}：上限（%）`)}</span>,
            <span key={`${t}-c`}>{number(`scheme.tiers.${t}.defaultPercent`, `${t}：默认（%）`)}</span>,
          ])}
        </div>
        <FieldError control={control} name="scheme.levelPoints" />
        <FieldError control={control} name="scheme.tiers" />
        <FieldError control={control} name="scheme.gradeBands" />
        <ExecutionCapsEditor control={control} register={register} disabled={locked || !custom} />
      </fieldset>

      <FormBanner banner={banner} />
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={locked || form.formState.isSubmitting}
          onClick={() => void onWhatIf()}
        >
          预览得分变化
        </button>
        <button type="submit" className="button primary" disabled={form.formState.isSubmitting}>
          保存年度设置
        </button>
      </div>
      {whatIf && <WhatIfTable rows={whatIf} />}
    </form>
  );
}
