import { dec } from '@/lib/decimal';
import { INTEGRATED_SCHEME, capInWords, type Scheme } from '@/lib/scoring';
import { SchemeVariantsExample } from './scheme-variants-example';

/** How many decimals a score keeps, in words: 四舍五入保留两位小数 / 一位小数 / 取整. */
export function precisionInWords(precision: number): string {
  return precision === 0 ? '四舍五入取整' : `四舍五入保留${precision === 1 ? '一' : '两'}位小数`;
}

/**
 * Rule book § Scores, second edition, in a finance officer's words: the over-achievement deduction
 * and the execution caps of this year's scheme, with an example the reader can change. A scheme
 * without either is explained with the 一体化平台 preset's values.
 */
export function SchemeVariantsSection({ scheme }: { scheme: Scheme }) {
  const deduction = scheme.overAchievementDeduction;
  const caps = scheme.executionCaps;
  const ownSettings = deduction > 0 || caps.length > 0;
  return (
    <section className="card" data-testid="scheme-variants">
      <h2>四、超额扣分与预算执行率封顶</h2>
      <ul>
        <li data-testid="rule-deduction">
          超额扣分：
          {deduction > 0
            ? `“≥”类和未标符号的数量指标，实际完成值达到年度指标值的 ${scheme.overAchievementThreshold}% 及以上时，该指标得分扣 ${deduction} 分（先按分值 × 完成率${precisionInWords(scheme.precision)}，再扣分）。多项组成的指标不论几项超额只扣一次，最低扣至 0 分；仍须填写偏差原因。`
            : `本年度方案不扣分：超额完成只须说明目标设定依据。`}
        </li>
        <li data-testid="rule-caps">
          预算执行率封顶：
          {caps.length > 0
            ? `${caps.map(capInWords).join('；')}。同时满足多条时，按其中最低的封顶分；执行率按精确值比较（恰好 ${caps[0].below}% 不受“低于 ${caps[0].below}%”限制，${dec(caps[0].below).minus('0.01').toFixed()}% 受限制）。自评总分和财政复核后的最终得分都不得超过封顶分，等级按封顶后的总分评定。`
            : '本年度方案未设置封顶：总分不受预算执行率限制。'}
        </li>
        <li>预算执行率超过 100%（全年执行数大于全年预算数）时，预算执行得分仍为满分，但须说明原因。</li>
      </ul>
      <SchemeVariantsExample scheme={ownSettings ? scheme : INTEGRATED_SCHEME} ownSettings={ownSettings} />
    </section>
  );
}
