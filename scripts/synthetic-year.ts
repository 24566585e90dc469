import { transaction, type Db } from '@/db';
import { findDepartmentByName } from '@/db/queries/departments';
import { loadYearBundles, type EvaluationBundle } from '@/db/queries/evaluations';
import { listUnownedProjects, setProjectOwner } from '@/db/queries/projects';
import { findUserByUsername, insertUser } from '@/db/queries/users';
import type { ActualValue, EvaluationStatus, Role } from '@/db/schema';
import { hashPasswordSync } from '@/lib/auth/password';
import { toSessionUser, type SessionUser } from '@/lib/auth/scope';
import { dec } from '@/lib/decimal';
import { buildEngineInput, entryFieldsFromActual, entryValuesFromForm } from '@/lib/evaluations/engine-input';
import { draftFormValues, reviewFormValues } from '@/lib/evaluations/form-values';
import { reviewScoresOperation } from '@/lib/evaluations/review';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { schemeOfYear, sheetOf } from '@/lib/evaluations/sheet';
import { approveOperation, finalizeOperation, returnOperation, submitOperation } from '@/lib/evaluations/transitions';
import { fenToWanYuan } from '@/lib/money';
import { runOperation, type ActionState } from '@/lib/operations';
import { mulberry32 } from '@/lib/random';
import { scoreEvaluation } from '@/lib/scoring';
import { importTargetTable } from '@/lib/targets/import-table';
import type { ParsedIndicator, ParsedTable } from '@/lib/targets/parse-target-table';
import { parseTargetText } from '@/lib/targets/parse-target-text';
import type { ParsedTarget } from '@/lib/targets/types';

/**
 * A synthetic but realistic year for `npm run bench`: target tables like the published ones (every
 * kind of target), then evaluations filled, explained, reviewed and finalised through the real
 * operations, so the stored numbers are the engine's. Deterministic: the same seed, the same year.
 */

const LEVELS = {
  '1': [
    '产出指标',
    [
      ['11', '数量指标'],
      ['12', '质量指标'],
      ['13', '时效指标'],
      ['14', '成本指标'],
    ],
  ],
  '2': [
    '效益指标',
    [
      ['21', '经济效益'],
      ['22', '社会效益'],
      ['23', '生态效益'],
      ['24', '可持续影响'],
    ],
  ],
  '3': ['满意度指标', [['31', '服务对象满意度']]],
} as const;

const TARGETS = [
  '≥30家',
  '405支',
  '≥95%',
  '100%',
  '≤3次',
  '≤1%',
  '＞300次',
  '2736人次',
  '≥4次，≥2个',
  '1.扫描仪1台；2.信创台式电脑13台',
  '2024年全年',
  '有效提升应急处置能力',
  '≥98%',
  '55场',
];

export function syntheticDepartment(index: number, projectCount: number, year: number): ParsedTable {
  const next = mulberry32(index + 1);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const department = `白云区合成测试单位${String(index + 1).padStart(2, '0')}`;
  const projects = Array.from({ length: projectCount }, (_, p) => {
    const totalFen = (5 + Math.floor(next() * 500)) * 10_000 * 100;
    const split = next();
    const otherFen = split < 0.1 ? Math.floor(totalFen / 300) * 100 : 0;
    const specialFen = split < 0.05 ? Math.floor(totalFen / 500) * 100 : 0;
    const count = 5 + Math.floor(next() * 5);
    const indicators: ParsedIndicator[] = Array.from({ length: count }, (_, i) => {
      const code = i < count - 2 ? '1' : i === count - 2 ? '2' : '3';
      const [level1Name, level2s]: readonly [string, ReadonlyArray<readonly [string, string]>] = LEVELS[code];
      const [level2Code, level2Name] = pick(level2s);
      const annual = code === '3' ? pick(['≥95%', '≥90%', '95%或以上']) : pick(TARGETS);
      return {
        position: i + 1,
        level1Code: code,
        level1Name,
        level2Code,
        level2Name,
        name: `第${i + 1}项${level2Name}指标`,
        periodTargetText: annual,
        annualTargetText: annual,
        target: parseTargetText(annual),
        warnings: [],
        line: null,
      };
    });
    const name = `${department}${year}年度第${p + 1}号专项经费`;
    return {
      name,
      unit: department,
      budget: { totalFen, fiscalFen: totalFen - otherFen - specialFen, specialFen, otherFen },
      goal: `完成${name}的年度任务，保障各项工作正常开展。`,
      indicators,
      line: 0,
    };
  });
  return {
    department,
    implementingUnit: `${department}（本级）`,
    year,
    declaredTotalFen: null,
    projects,
    warnings: [],
  };
}

/** Around the target: mostly met, some short, some over, every qualitative tier. */
function actualFor(target: ParsedTarget, roll: number): ActualValue {
  if (target.kind === 'qualitative') return { tier: roll < 0.7 ? '达成' : roll < 0.9 ? '部分达成' : '未达成' };
  const factor = roll < 0.65 ? 1 : roll < 0.85 ? 0.9 : 1.6;
  const near = (value: string, reverse: boolean) =>
    dec(value)
      .times(reverse ? 2 - factor : factor)
      .toDecimalPlaces(0)
      .toFixed();
  if (target.kind === 'compound')
    return target.parts.map((part) => near(part.value, part.comparator === '<=' || part.comparator === '<'));
  return near(target.value, target.comparator === '<=' || target.comparator === '<');
}

export interface SyntheticActors {
  finance: SessionUser;
  headOf(departmentId: number): SessionUser;
  ownerOf(departmentId: number): SessionUser;
}

/** Where an evaluation ends: untouched, in a workflow status, or submitted and returned to its owner. */
export type SyntheticState = EvaluationStatus | 'untouched' | 'returned';

/** Where the i-th evaluation ends: 1 in 20 untouched, 1 in 20 returned, the rest spread over the workflow. */
export function targetState(i: number): { status: SyntheticState; review: boolean } {
  const k = i % 20;
  if (k === 0) return { status: 'untouched', review: false };
  if (k <= 6) return { status: 'draft', review: false };
  if (k === 7) return { status: 'returned', review: false };
  if (k <= 10) return { status: 'submitted', review: false };
  if (k <= 13) return { status: 'dept_approved', review: false };
  return { status: 'finalized', review: k <= 16 };
}

function expectOk<T>(state: ActionState<T>, what: string): T {
  if (!state.ok) throw new Error(`${what}: ${state.message} ${JSON.stringify(state.fieldErrors ?? {})}`);
  return state.data;
}

export async function fillEvaluations(db: Db, { year, actors }: { year: number; actors: SyntheticActors }) {
  const bundles = await loadYearBundles(db, { user: actors.finance, year });
  const statuses: Record<string, number> = {};
  let indicators = 0;
  for (const [i, bundle] of bundles.entries()) {
    indicators += bundle.indicators.length;
    const goal = targetState(i);
    statuses[goal.status] = (statuses[goal.status] ?? 0) + 1;
    if (goal.status === 'untouched') continue;
    const owner = actors.ownerOf(bundle.project.departmentId);
    const head = actors.headOf(bundle.project.departmentId);
    const id = bundle.evaluation.id;
    let version = expectOk(
      await runOperation(saveDraftOperation, owner, draftFor(bundle, i), db),
      `save ${id}`,
    ).version;
    if (goal.status === 'draft') continue;
    version = expectOk(
      await runOperation(submitOperation, owner, { evaluationId: id, version, comment: '' }, db),
      `submit ${id}`,
    ).version;
    if (goal.status === 'returned') {
      const back = { evaluationId: id, version, comment: '请补充佐证材料', missingEvidence: [] };
      expectOk(await runOperation(returnOperation, head, back, db), `return ${id}`);
      continue;
    }
    if (goal.status === 'submitted') continue;
    version = expectOk(
      await runOperation(approveOperation, head, { evaluationId: id, version, comment: '' }, db),
      `approve ${id}`,
    ).version;
    if (goal.status === 'dept_approved') continue;
    if (goal.review) {
      const review = { ...reviewFormValues(bundle), version };
      review.indicators[0] = { ...review.indicators[0], score: '5', reason: '佐证材料不足' };
      version = expectOk(await runOperation(reviewScoresOperation, actors.finance, review, db), `review ${id}`).version;
    }
    expectOk(
      await runOperation(finalizeOperation, actors.finance, { evaluationId: id, version, comment: '' }, db),
      `finalize ${id}`,
    );
  }
  return { indicators, statuses };
}

/** A complete draft whose explanations are exactly where the engine requires them. */
export function draftFor(bundle: EvaluationBundle, seed: number) {
  const next = mulberry32(seed * 7919 + 17);
  const draft = draftFormValues(bundle);
  bundle.indicators.forEach((ind, i) =>
    Object.assign(draft.indicators[i], entryFieldsFromActual(ind.parsedTarget, actualFor(ind.parsedTarget, next()))),
  );
  const executedFen = Math.round((bundle.project.budgetTotalFen * (0.7 + next() * 0.3)) / 100) * 100;
  draft.budgetExecuted = fenToWanYuan(executedFen).toFixed();
  const budget = { adjusted: '', executed: draft.budgetExecuted, explanation: '', reviewed: null };
  const sheet = sheetOf(bundle);
  const result = scoreEvaluation(
    buildEngineInput(sheet, schemeOfYear(bundle.year.scheme), entryValuesFromForm(sheet, draft.indicators), budget),
  );
  result.indicators.forEach((scored, i) => {
    if (scored.explanationRequired)
      // Each its own words (as units write them), so that no two rows share a text the 值得关注 flags would notice.
      draft.indicators[i].explanation =
        `偏差原因：${scored.explanationReasons.join('；')}。改进措施：${bundle.project.name}第${i + 1}项指标加强过程管理，按季度跟踪进度。`;
  });
  draft.budgetExplanation = result.budget.explanationRequired ? '部分合同按进度在次年支付。' : '';
  draft.goalActual = '年度目标基本完成，具体见各项指标。';
  return draft;
}

const PROJECTS_PER_DEPARTMENT = 100;
/** Departments imported per transaction: one commit (and fsync) per thousand projects, not per project. */
const DEPARTMENTS_PER_TRANSACTION = 10;

/** Writes one department's target table and its head and owner (`addPeople`); answers the department's id. */
export type DepartmentWriter = (
  tx: Db,
  args: { table: ParsedTable; year: number; addPeople: (departmentId: number) => Promise<{ ownerId: number }> },
) => Promise<number>;

/** Through the real import (`importTargetTable`), then the owner set on every project. */
const importDepartment: DepartmentWriter = async (tx, { table, year, addPeople }) => {
  await importTargetTable(tx, { table, year });
  const departmentId = (await findDepartmentByName(tx, { name: table.department }))!.id;
  const { ownerId } = await addPeople(departmentId);
  for (const { id } of await listUnownedProjects(tx, { year, departmentId }))
    await setProjectOwner(tx, { projectId: id, ownerId });
  return departmentId;
};

/**
 * The target tables of a synthetic year in a migrated database, ten departments per transaction:
 * departments of 100 projects, each with a head (`dept0-head`…) and an owner (`dept0-owner`…) whose
 * password is `password`, and a finance account unless there is one. Each department is written by
 * `writeDepartment` (the real import by default). Answers the people who fill the evaluations.
 */
export async function createSyntheticStructure(
  db: Db,
  { year, projectCount, password = 'bench-only' }: { year: number; projectCount: number; password?: string },
  writeDepartment: DepartmentWriter = importDepartment,
): Promise<SyntheticActors> {
  // One hash for every account: they share the password, and hashing is slow on purpose.
  const passwordHash = hashPasswordSync(password);
  const addUser = (tx: Db, username: string, role: Role, departmentId: number | null) =>
    insertUser(tx, { user: { username, displayName: username, role, departmentId, passwordHash } });
  const sessionUser = async (username: string) => toSessionUser((await findUserByUsername(db, { username }))!);
  if (!(await findUserByUsername(db, { username: 'finance' })))
    await transaction(db, (tx) => addUser(tx, 'finance', 'finance', null));

  const departments = Math.ceil(projectCount / PROJECTS_PER_DEPARTMENT);
  const ids: number[] = [];
  for (let first = 0; first < departments; first += DEPARTMENTS_PER_TRANSACTION) {
    await transaction(db, async (tx) => {
      for (let d = first; d < Math.min(departments, first + DEPARTMENTS_PER_TRANSACTION); d++) {
        const size = Math.min(PROJECTS_PER_DEPARTMENT, projectCount - d * PROJECTS_PER_DEPARTMENT);
        ids[d] = await writeDepartment(tx, {
          table: syntheticDepartment(d, size, year),
          year,
          addPeople: async (departmentId) => {
            await addUser(tx, `dept${d}-head`, 'dept_head', departmentId);
            return { ownerId: await addUser(tx, `dept${d}-owner`, 'owner', departmentId) };
          },
        });
      }
    });
  }
  const heads = new Map<number, SessionUser>();
  const owners = new Map<number, SessionUser>();
  for (const [d, departmentId] of ids.entries()) {
    heads.set(departmentId, await sessionUser(`dept${d}-head`));
    owners.set(departmentId, await sessionUser(`dept${d}-owner`));
  }
  return {
    finance: await sessionUser('finance'),
    headOf: (id: number) => heads.get(id)!,
    ownerOf: (id: number) => owners.get(id)!,
  };
}

/**
 * A whole synthetic year, every evaluation filled through the real operations one by one
 * (`fillEvaluations`): slow (about 16 ms a project) but the reference the bulk builder
 * (scripts/bench-year.ts) is tested against.
 */
export async function buildSyntheticYear(db: Db, args: { year: number; projectCount: number; password?: string }) {
  const actors = await createSyntheticStructure(db, args);
  return fillEvaluations(db, { year: args.year, actors });
}
