'use client';

import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';

const GRADE_COLORS: Record<string, string> = { 优: '#15803d', 良: '#1d4ed8', 中: '#b45309', 差: '#b91c1c' };

/** Fixed-size charts: they render the same on screen and in print, with no layout measuring. */
export function GradeChart({ data, caption }: { data: Array<{ grade: string; count: number }>; caption: string }) {
  return (
    <figure className="chart" data-testid="grade-chart" aria-label="等级分布">
      <figcaption>{caption}</figcaption>
      <BarChart width={380} height={220} data={data} margin={{ top: 10, right: 10, bottom: 0, left: -20 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="grade" />
        <YAxis allowDecimals={false} />
        <Tooltip formatter={(v) => [`${v} 个`, '项目数']} />
        <Bar dataKey="count" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.grade} fill={GRADE_COLORS[d.grade]} />
          ))}
        </Bar>
      </BarChart>
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
    </figure>
  );
}

export function ScoreHistogram({ data, caption }: { data: Array<{ label: string; count: number }>; caption: string }) {
  return (
    <figure className="chart" data-testid="score-histogram" aria-label="得分分布">
      <figcaption>{caption}</figcaption>
      <BarChart width={380} height={220} data={data} margin={{ top: 10, right: 10, bottom: 0, left: -20 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" />
        <YAxis allowDecimals={false} />
        <Tooltip formatter={(v) => [`${v} 个`, '项目数']} />
        <Bar dataKey="count" fill="#1d4ed8" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}
