'use client';

import { useState } from 'react';
import workedExample from '@/docs/examples/worked-example.json';
import { formatRate, formatScore } from '@/lib/format';
import { capInWords, scoreInterchange, type Scheme } from '@/lib/scoring';

const OVER_ACHIEVED_ROW = 1;

/**
 * The worked example with two numbers the reader can change (an at-least indicator's actual and
 * the 全年执行数), scored in the browser by the same engine as the server.
 */
export function SchemeVariantsExample({ scheme, ownSettings }: { scheme: Scheme; ownSettings: boolean }) {
  const [actual, setActual] = useState('70');
  const [executed, setExecuted] = useState('14');
  const indicators = workedExample.indicators.map((row, i) =>
    i === OVER_ACHIEVED_ROW ? { ...row, actual: actual.trim() } : row,
  );
  const scored = scoreInterchange({
    ...workedExample,
    scheme,
    budget: { ...workedExample.budget, executed: executed.trim() },
    indicators,
  });
  const row = workedExample.indicators[OVER_ACHIEVED_ROW];

  return (
    <div data-testid="variants-example">
      <h3>试一试（{ownSettings ? '按本年度方案' : '本年度方案未设置，以下按一体化平台方案'}实时计算）</h3>
      <div className="settings-grid">
        <ExampleInput
          label={`“${row.name}”实际完成值（年度指标值 ${row.target}）`}
          name="示例实际完成值"
          value={actual}
          onChange={setActual}
        />
        <ExampleInput
          label={`全年执行数（万元，全年预算 ${workedExample.budget.adjusted}）`}
          name="示例全年执行数"
          value={executed}
          onChange={setExecuted}
        />
      </div>
      {scored.ok ? (
        <ExampleOutcome scored={scored} />
      ) : (
        <p className="form-error">{scored.errors.map((e) => e.message).join('；')}</p>
      )}
    </div>
  );
}

function ExampleInput(props: { label: string; name: string; value: string; onChange: (value: string) => void }) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        inputMode="decimal"
        aria-label={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

function ExampleOutcome({ scored }: { scored: Extract<ReturnType<typeof scoreInterchange>, { ok: true }> }) {
  const { result } = scored;
  const p = result.precision;
  const indicator = result.indicators[OVER_ACHIEVED_ROW];
  const deducted = indicator.overAchievementDeduction !== '0';
  return (
    <ul data-testid="variants-outcome">
      <li>
        该指标分值 {formatScore(indicator.points)}，得分 <strong>{formatScore(indicator.computedScore, p)}</strong>
        {deducted ? `（超额完成，扣 ${formatScore(indicator.overAchievementDeduction, p)} 分）` : ''}。
      </li>
      <li>
        预算执行率 {formatRate(result.budget.rate)}，预算执行得分 {formatScore(result.budget.computedScore, p)}。
      </li>
      <li data-testid="variants-total">
        各项合计 {formatScore(result.selfTotalBeforeCap, p)}
        {result.cap
          ? `；${capInWords(result.cap)}，总分 ${formatScore(result.selfTotal, p)}`
          : '；不受封顶限制，总分即合计'}
        ，等级 {result.selfGrade}。
      </li>
    </ul>
  );
}
