import { Decimal, dec, decString } from '../decimal';
import { parseDecimalText, splitInHundredths, sumDecimals } from './decimal-text';
import { LEVEL1_CODES, LEVEL1_NAMES, type Level1Code, type Scheme } from './scheme';

/** Rule book "Points per indicator" (分值). */

export interface IndicatorPointsInput {
  level1Code: Level1Code | string;
  /** Explicit 分值 as a decimal string; null, absent or blank → allocate. */
  points?: string | null;
}

export interface AllocationError {
  /** The indicator concerned, when the problem is one row. */
  index?: number;
  /** The field of that row at fault. */
  field?: 'level1Code' | 'points';
  /** The level-1 group concerned, when the problem is the group's points as a whole. */
  level1Code?: Level1Code;
  message: string;
}

export interface PointsAllocation {
  /** One decimal string per indicator, in input order. */
  points: string[];
  /** The points of each level-1 group present in the project, after redistribution. */
  levelPoints: Partial<Record<Level1Code, string>>;
  errors: AllocationError[];
}

export function isLevel1Code(value: unknown): value is Level1Code {
  return typeof value === 'string' && (LEVEL1_CODES as readonly string[]).includes(value);
}

/**
 * Points of the level-1 groups present in the project. Absent groups give their points to the
 * present ones in proportion to their points, so the result always adds up to 100 − budget points.
 */
export function levelPointsFor(
  presentCodes: Iterable<Level1Code>,
  scheme: Scheme,
): Partial<Record<Level1Code, Decimal>> {
  const presentSet = new Set(presentCodes);
  const present = LEVEL1_CODES.filter((code) => presentSet.has(code));
  const indicatorTotal = dec(100).minus(dec(scheme.budgetPoints));
  const shares = splitInHundredths(
    indicatorTotal,
    present.map((code) => dec(scheme.levelPoints[code])),
  );
  return Object.fromEntries(present.map((code, i) => [code, shares[i]]));
}

/** Equal split of a level's points in hundredths; the earlier indicators get the leftover hundredths. */
export function splitEqually(levelPoints: Decimal, count: number): Decimal[] {
  return splitInHundredths(
    levelPoints,
    Array.from({ length: count }, () => dec(1)),
  );
}

export function allocatePoints(indicators: IndicatorPointsInput[], scheme: Scheme): PointsAllocation {
  const errors: AllocationError[] = [];
  const points: Decimal[] = indicators.map(() => dec(0));
  const rowsByLevel = new Map<Level1Code, number[]>();
  indicators.forEach((indicator, index) => {
    if (!isLevel1Code(indicator.level1Code)) {
      errors.push({
        index,
        field: 'level1Code',
        message: `一级指标编码“${indicator.level1Code}”无效，应为 1（产出）、2（效益）或 3（满意度）`,
      });
      return;
    }
    rowsByLevel.set(indicator.level1Code, [...(rowsByLevel.get(indicator.level1Code) ?? []), index]);
  });
  if (rowsByLevel.size === 0) {
    errors.push({ message: '项目没有任何绩效指标，无法分配指标分值' });
    return { points: points.map(decString), levelPoints: {}, errors };
  }

  // Nothing to be proportional to: a custom scheme gave every present group 0 points.
  if (sumDecimals([...rowsByLevel.keys()].map((code) => dec(scheme.levelPoints[code]))).isZero()) {
    errors.push({ message: '评分方案中本项目现有一级指标的分值均为0，无法分配指标分值' });
  }
  const levelPoints = levelPointsFor(rowsByLevel.keys(), scheme);
  for (const [code, rows] of rowsByLevel) {
    const levelTotal = levelPoints[code] ?? dec(0);
    const explicit = explicitLevelPoints(rows, indicators, code, levelTotal, errors);
    const shares = explicit ?? splitEqually(levelTotal, rows.length);
    rows.forEach((row, i) => (points[row] = shares[i]));
  }
  return {
    points: points.map(decString),
    levelPoints: Object.fromEntries(Object.entries(levelPoints).map(([code, value]) => [code, decString(value)])),
    errors,
  };
}

/**
 * The explicit 分值 of one level when they are all set and add up to the level's points; null when
 * none is set (→ equal split). Partial or wrong sums are errors and fall back to the equal split so
 * a draft still shows numbers.
 */
function explicitLevelPoints(
  rows: number[],
  indicators: IndicatorPointsInput[],
  code: Level1Code,
  levelTotal: Decimal,
  errors: AllocationError[],
): Decimal[] | null {
  const given = rows.filter((row) => hasExplicitPoints(indicators[row]));
  if (given.length === 0) return null;
  const levelName = LEVEL1_NAMES[code];
  const rowList = (list: number[]) => list.map((row) => row + 1).join('、');
  if (given.length < rows.length) {
    const blank = rows.filter((row) => !given.includes(row));
    errors.push({
      level1Code: code,
      message: `${levelName}：第${rowList(given)}行填写了分值，第${rowList(blank)}行未填写；分值须全部填写且合计为${decString(levelTotal)}，或全部留空按平均分配`,
    });
    return null;
  }
  const values: Decimal[] = [];
  for (const row of rows) {
    const value = parseDecimalText(indicators[row].points);
    if (value === null || value.isNegative() || value.decimalPlaces() > 2) {
      errors.push({
        index: row,
        field: 'points',
        message: `第${row + 1}行分值“${indicators[row].points}”无效，应为不小于0、最多2位小数的数`,
      });
      return null;
    }
    values.push(value);
  }
  const sum = sumDecimals(values);
  if (!sum.equals(levelTotal)) {
    errors.push({
      level1Code: code,
      message: `${levelName}各指标分值合计为${decString(sum)}，应为${decString(levelTotal)}（第${rowList(rows)}行）`,
    });
    return null;
  }
  return values;
}

function hasExplicitPoints(indicator: IndicatorPointsInput): boolean {
  return typeof indicator.points === 'string' && indicator.points.trim() !== '';
}
