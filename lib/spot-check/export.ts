import 'server-only';
import type { spotCheckRows } from '@/db/queries/spot-checks';
import type { spotChecks } from '@/db/schema';
import { toCsv } from '@/lib/exports/csv';
import { CSV_CONTENT_TYPE, downloadResponse } from '@/lib/exports/download';
import { formatScore } from '@/lib/format';
import { formatWanYuan } from '@/lib/money';
import { STATUS_LABELS } from '@/lib/roles';

type Rows = Awaited<ReturnType<typeof spotCheckRows>>;

/** How a sample was drawn, in words: `5 项，按部门分层，随机种子 A1B2`. */
export function describeSpotCheck(
  check: Pick<typeof spotChecks.$inferSelect, 'mode' | 'amount' | 'stratified' | 'weighted' | 'seed'>,
) {
  const size = check.mode === 'count' ? `${check.amount} 项` : `${check.amount}%`;
  return `${size}${check.stratified ? '，按部门分层' : ''}${check.weighted ? '，按预算加权' : ''}，随机种子 ${check.seed}`;
}

export const SPOT_CHECK_HEADER = [
  '序号',
  '部门',
  '项目编码',
  '项目名称',
  '预算（万元）',
  '状态',
  '自评得分',
  '最终得分',
] as const;

export function spotCheckLines(rows: Rows) {
  return rows.map((r) => [
    r.position + 1,
    r.department,
    r.projectId,
    r.project,
    formatWanYuan(r.budgetFen, { grouping: false }),
    STATUS_LABELS[r.status],
    formatScore(r.selfScore),
    r.status === 'finalized' ? formatScore(r.finalScore) : '',
  ]);
}

export function csvDownload(check: typeof spotChecks.$inferSelect, rows: Rows): Response {
  const csv = toCsv(SPOT_CHECK_HEADER, spotCheckLines(rows));
  return downloadResponse(Buffer.from(csv), {
    fileName: `${check.year}年度抽查复核-${check.id}（${describeSpotCheck(check)}）.csv`,
    asciiFallback: `spot-check-${check.id}.csv`,
    contentType: CSV_CONTENT_TYPE,
  });
}
