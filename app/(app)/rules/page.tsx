import { precisionInWords, SchemeVariantsSection } from '@/components/rules/scheme-variants-section';
import { getDb } from '@/db';
import { listYears } from '@/db/queries/years';
import workedExample from '@/docs/examples/worked-example.json';
import { requireUser } from '@/lib/auth/session';
import { schemeOfYear } from '@/lib/evaluations/sheet';
import { formatRate, formatScore } from '@/lib/format';
import { scoreInterchange } from '@/lib/scoring';
import { bandInWords, LEVEL1_NAMES, QUALITATIVE_TIERS, type Scheme } from '@/lib/scoring/scheme';
import { SCHEME_LABELS } from '@/lib/years/labels';
import { pickYear } from '@/lib/years/pick-year';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '评分规则' };

export default async function RulesPage({ searchParams }: PageProps<'/rules'>) {
  await requireUser();
  const years = await listYears(getDb());
  const year = pickYear(years, (await searchParams).year);
  const stored = years.find((y) => y.year === year)?.scheme ?? 'national';
  const scheme = schemeOfYear(stored);
  const example = scoreInterchange({ ...workedExample, scheme: stored });

  return (
    <article className="rules">
      <div className="page-head">
        <div>
          <h1>评分规则</h1>
          <p className="muted">
            {year ? `${year} 年度` : ''}评分方案：{SCHEME_LABELS[scheme.name] ?? scheme.name}
            。系统按以下规则计算每项指标的得分和项目总分，财政局可在年度开始前调整方案。
          </p>
        </div>
      </div>

      <section className="card">
        <h2>一、分值构成（满分 100 分）</h2>
        <table className="data-table compact" data-testid="points-table">
          <tbody>
            <tr>
              <th>预算执行率</th>
              <td className="num">{scheme.budgetPoints} 分</td>
            </tr>
            {(['1', '2', '3'] as const).map((code) => (
              <tr key={code}>
                <th>{LEVEL1_NAMES[code]}</th>
                <td className="num">{scheme.levelPoints[code]} 分</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          项目没有某一类一级指标时，该类分值按比例分配给其余各类，使各指标分值之和始终为 {100 - scheme.budgetPoints}{' '}
          分。例如只有产出和满意度指标时：产出 {scheme.levelPoints['1']} × {100 - scheme.budgetPoints}/
          {scheme.levelPoints['1'] + scheme.levelPoints['3']}，满意度同理。
        </p>
        <p>
          同一类指标内，如目标表为每项指标都设置了分值且合计正确，按设置的分值；否则平均分配，精确到 0.01
          分，除不尽的余数依次加给排在前面的指标（如 50 分分给 7 项：7.15、7.15、7.14…）。
        </p>
      </section>

      <section className="card">
        <h2>二、完成率</h2>
        <ul>
          <li>“≥”“＞”类指标和未标符号的数量（如“30家”）：完成率 = 实际完成值 ÷ 年度指标值，最高 100%。</li>
          <li>
            “≤”类（反向）指标：实际值不超过指标值即为 100%；超过时
            {scheme.reverseFormula === 'ratio'
              ? '完成率 = 指标值 ÷ 实际值'
              : '完成率 = 1 − (实际值 − 指标值) ÷ 指标值，最低为 0'}
            。
          </li>
          <li>多项组成的指标（如“≥4次，≥2个”）：各项分别计算完成率后取平均。</li>
          <li>区间指标：在区间内为 100%，低于下限按实际值 ÷ 下限，高于上限按上限 ÷ 实际值。</li>
        </ul>
        <h3>定性指标（如“有效提升”）按等级评定</h3>
        <table className="data-table compact" data-testid="tier-table">
          <thead>
            <tr>
              <th>等级</th>
              <th>得分比例范围</th>
              <th className="num">默认比例</th>
            </tr>
          </thead>
          <tbody>
            {QUALITATIVE_TIERS.map((tier) => (
              <tr key={tier}>
                <td>{tier}</td>
                <td>{bandInWords(scheme.qualitativeTiers[tier])}</td>
                <td className="num">{scheme.qualitativeTiers[tier].defaultPercent}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card">
        <h2>三、得分与等级</h2>
        <p>
          指标得分 = 分值 × 完成率，{precisionInWords(scheme.precision)}
          {scheme.precision === 1 ? '（如 12.25 记为 12.3）' : ''}；预算执行得分 = {scheme.budgetPoints} × 执行率（最高
          100%），执行率 = 全年执行数 ÷
          全年预算数。自评总分为两者之和。评价人可依据判断调低（不能调高）某项得分，须写明理由；财政局复核时可在 0
          至分值之间设置复核得分并写明理由，最终得分以复核得分为准。
        </p>
        <p>
          等级：优 ≥ {scheme.gradeBands.优} 分；良 ≥ {scheme.gradeBands.良} 分；中 ≥ {scheme.gradeBands.中}{' '}
          分；其余为差。
        </p>
        <h3>以下情形须填写“偏差原因分析及改进措施”，否则不能提交</h3>
        <ul>
          <li>定量指标未达到年度指标值；</li>
          <li>“≥”类指标的完成值达到年度指标值的 {scheme.overAchievementThreshold}% 及以上（说明目标设定依据）；</li>
          <li>定性指标未评为“达成”；</li>
          <li>预算执行率低于 {scheme.budgetExecutionThreshold}%；</li>
          <li>预算执行率超过 100%（预算执行得分仍为满分）。</li>
        </ul>
      </section>

      <SchemeVariantsSection scheme={scheme} />

      <ExampleSection example={example} scheme={scheme} />
    </article>
  );
}

function ExampleSection({ example, scheme }: { example: ReturnType<typeof scoreInterchange>; scheme: Scheme }) {
  if (!example.ok) return null;
  const { output, result } = example;
  const p = result.precision;
  return (
    <section className="card">
      <h2>五、计算示例：{output.project}（按本年度方案实时计算）</h2>
      <table className="data-table compact" data-testid="example-table">
        <thead>
          <tr>
            <th>指标</th>
            <th>年度指标值</th>
            <th className="num">实际完成值</th>
            <th className="num">完成率</th>
            <th className="num">分值</th>
            <th className="num">得分</th>
            <th>须说明</th>
          </tr>
        </thead>
        <tbody>
          {result.indicators.map((row, i) => (
            <tr key={row.name}>
              <td>{row.name}</td>
              <td>{output.indicators[i].target}</td>
              <td className="num">{[workedExample.indicators[i].actual].flat().join('、')}</td>
              <td className="num">{formatRate(row.rate)}</td>
              <td className="num">{formatScore(row.points)}</td>
              <td className="num">{formatScore(row.selfScore, p)}</td>
              <td>{row.explanationRequired ? '是' : ''}</td>
            </tr>
          ))}
          <tr>
            <td>预算执行率</td>
            <td>全年预算 {workedExample.budget.adjusted} 万元</td>
            <td className="num">{workedExample.budget.executed}</td>
            <td className="num">{formatRate(result.budget.rate)}</td>
            <td className="num">{formatScore(result.budget.points)}</td>
            <td className="num">{formatScore(result.budget.finalScore, p)}</td>
            <td>{result.budget.explanationRequired ? '是' : ''}</td>
          </tr>
        </tbody>
      </table>
      <p data-testid="example-total">
        总分 <strong>{formatScore(result.finalTotal, p)}</strong>，等级 <strong>{result.finalGrade}</strong>（
        {SCHEME_LABELS[scheme.name] ?? scheme.name}）。
      </p>
    </section>
  );
}
