'use client';

import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';

const GRADE_COLORS: Record<string, string> = { 优: '#15803d', 良: '#1d4ed8', 中: '#b45309', 差: '#b91c1c' };

/** What tells the two project-count charts apart: their figure's test id and name, and the key of each bar's name. */
const GRADE_CHART = { testId: 'grade-chart', label: '等级分布', category: 'grade' };
const SCORE_CHART = { testId: 'score-histogram', label: '得分分布', category: 'label' };

/**
 * Fixed-size charts: they render the same on screen and in print, with no layout measuring. A bar
 * per category of `data` (the bars given as children), `after` below the chart in its figure.
 */
function ProjectCountChart({
  chart,
  caption,
  data,
  after,
  children,
}: {
  chart: typeof GRADE_CHART;
  caption: string;
  data: Array<{ count: number }>;
  after?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <figure className="chart" data-testid={chart.testId} aria-label={chart.label}>
      <figcaption>{caption}</figcaption>
      <BarChart width={380} height={220} data={data} margin={{ top: 10, right: 10, bottom: 0, left: -20 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey={chart.category} />
        <YAxis allowDecimals={false} />
        <Tooltip formatter={(v) => [`${v} 个`, '项目数']} />
        {children}
      </BarChart>
      {after}
    </figure>
  );
}

type GradeCounts = Array<{ grade: string; count: number }>;

/** The grade counts as text, for a screen reader. */
function GradeTable({ data }: { data: GradeCounts }) {
  return (
    <table className="sr-only">
      <tbody>
        {data.map((d) => (
          <tr key={d.grade}>
            <th>{d.grade}</th>
            <td>{d.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function GradeChart({ data, caption }: { data: GradeCounts; caption: string }) {
  return (
    <ProjectCountChart chart={GRADE_CHART} caption={caption} data={data} after={<GradeTable data={data} />}>
      <Bar dataKey="count" isAnimationActive={false}>
        {data.map((d) => (
          <Cell key={d.grade} fill={GRADE_COLORS[d.grade]} />
        ))}
      </Bar>
    </ProjectCountChart>
  );
}

export function ScoreHistogram({ data, caption }: { data: Array<{ label: string; count: number }>; caption: string }) {
  return (
    <ProjectCountChart chart={SCORE_CHART} caption={caption} data={data}>
      <Bar dataKey="count" fill="#1d4ed8" isAnimationActive={false} />
    </ProjectCountChart>
  );
}
