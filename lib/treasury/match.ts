import type { EvaluationStatus } from '@/db/schema';
import { parseWanYuan } from '@/lib/money';
import type { TreasuryRow } from './read-file';

/**
 * Which evaluation each row of a treasury file names, and the amount it carries: by 项目编码 (the
 * project's number in this system, as the template and the lists show it), else by 项目名称 within
 * its 部门 (or across departments when no 部门 is given). Pure: rows and the year's evaluations in,
 * the three groups out (and the rows that cannot be read, which stop the whole file).
 */
export interface ExecutionCandidate {
  evaluationId: number;
  projectId: number;
  project: string;
  department: string;
  departmentId: number;
  ownerId: number | null;
  status: EvaluationStatus;
  version: number;
  /** 全年执行数 as stored now, and as finance last imported it. */
  executedFen: number | null;
  importedFen: number | null;
}

export interface RowProblem {
  row: number;
  message: string;
}

export interface MatchedRow {
  row: number;
  amountFen: number;
  candidate: ExecutionCandidate;
}

export interface UnplacedRow {
  row: number;
  department: string;
  code: string;
  name: string;
  amountFen: number;
  message: string;
}

export interface ExecutionMatch {
  problems: RowProblem[];
  matched: MatchedRow[];
  unmatched: UnplacedRow[];
  ambiguous: UnplacedRow[];
}

/** Names compared as a person reads them: full-width and half-width alike, spaces ignored. */
export const sameName = (a: string, b: string) => key(a) === key(b);
const key = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

/** The cell's amount in 分, or what is wrong with it. */
export function amountOf(row: TreasuryRow): { fen: number } | { problem: string } {
  if ('problem' in row.amount) return { problem: `全年执行数${row.amount.problem}` };
  const text = row.amount.text.replace(/\s+/g, '');
  if (text === '') return { problem: '全年执行数为空' };
  const fen = parseWanYuan(text);
  if (fen === null) return { problem: `全年执行数“${text}”不是金额（单位万元，最多 6 位小数，即精确到分）` };
  if (fen < 0) return { problem: `全年执行数“${text}”不能为负数` };
  return { fen };
}

const names = (list: ExecutionCandidate[]) => list.map((c) => `${c.department}“${c.project}”`).join('、');

/** The one evaluation a row names, or why it names none (unmatched) or more than one (ambiguous). */
function place(
  row: TreasuryRow,
  all: ExecutionCandidate[],
): { candidate: ExecutionCandidate } | { unmatched: string } | { ambiguous: string } {
  if (row.code !== '') {
    const byCode = all.find((c) => String(c.projectId) === row.code);
    if (!byCode) return { unmatched: `项目编码 ${row.code} 在该年度没有对应的项目` };
    if (row.name !== '' && !sameName(row.name, byCode.project))
      return { ambiguous: `项目编码 ${row.code} 是“${byCode.project}”，与项目名称“${row.name}”不符` };
    if (row.department !== '' && !sameName(row.department, byCode.department))
      return { ambiguous: `项目编码 ${row.code} 属于${byCode.department}，与部门“${row.department}”不符` };
    return { candidate: byCode };
  }
  const byName = all.filter((c) => sameName(c.project, row.name));
  if (row.department === '') {
    if (byName.length === 0) return { unmatched: `找不到名为“${row.name}”的项目` };
    if (byName.length > 1) return { ambiguous: `多个部门有同名项目（${names(byName)}），请填写部门或项目编码` };
    return { candidate: byName[0] };
  }
  if (!all.some((c) => sameName(c.department, row.department)))
    return { unmatched: `部门“${row.department}”在该年度没有项目` };
  const inDepartment = byName.filter((c) => sameName(c.department, row.department));
  if (inDepartment.length === 0) return { unmatched: `${row.department}没有名为“${row.name}”的项目` };
  if (inDepartment.length > 1) return { ambiguous: `${row.department}有多个名为“${row.name}”的项目，请填写项目编码` };
  return { candidate: inDepartment[0] };
}

export function matchExecutionRows(rows: TreasuryRow[], candidates: ExecutionCandidate[]): ExecutionMatch {
  const out: ExecutionMatch = { problems: [], matched: [], unmatched: [], ambiguous: [] };
  const placed: MatchedRow[] = [];
  for (const row of rows) {
    const amount = amountOf(row);
    const problems: string[] = [];
    if ('problem' in amount) problems.push(amount.problem);
    if (row.code === '' && row.name === '') problems.push('没有项目编码，也没有项目名称');
    else if (row.code !== '' && !/^\d+$/.test(row.code)) problems.push(`项目编码“${row.code}”应为数字`);
    if (problems.length > 0 || 'problem' in amount) {
      out.problems.push({ row: row.row, message: `第${row.row}行：${problems.join('；')}` });
      continue;
    }
    const found = place(row, candidates);
    const unplaced = {
      row: row.row,
      department: row.department,
      code: row.code,
      name: row.name,
      amountFen: amount.fen,
    };
    if ('unmatched' in found) out.unmatched.push({ ...unplaced, message: found.unmatched });
    else if ('ambiguous' in found) out.ambiguous.push({ ...unplaced, message: found.ambiguous });
    else placed.push({ row: row.row, amountFen: amount.fen, candidate: found.candidate });
  }
  // Two rows naming the same project: neither is taken, whichever figure is right.
  const rowsOf = new Map<number, MatchedRow[]>();
  for (const m of placed) rowsOf.set(m.candidate.evaluationId, [...(rowsOf.get(m.candidate.evaluationId) ?? []), m]);
  for (const m of placed) {
    const same = rowsOf.get(m.candidate.evaluationId)!;
    if (same.length === 1) {
      out.matched.push(m);
      continue;
    }
    const others = same.filter((o) => o !== m).map((o) => `第${o.row}行`);
    out.ambiguous.push({
      row: m.row,
      department: m.candidate.department,
      code: String(m.candidate.projectId),
      name: m.candidate.project,
      amountFen: m.amountFen,
      message: `与${others.join('、')}是同一个项目（${m.candidate.department}“${m.candidate.project}”），请只保留一行`,
    });
  }
  out.ambiguous.sort((a, b) => a.row - b.row);
  return out;
}
