import { formatWanYuan, parseWanYuan } from '../money';

/**
 * Large target-table texts for the parser's tests and `npm run bench:parser`, built from a real table
 * (the seed): a realistic one that repeats its body, and pathological ones that blow one feature of
 * the text up to the requested size (what a careless copy, a broken PDF extraction or an attacker
 * produces). Sizes are UTF-8 bytes; each result is at least `bytes` long, give or take one piece.
 */

const TOTAL_LINE = /^合计(\s.*)$/m;

function utf8(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** How many pieces of `piece` fill `bytes` once `base` is there too (at least one). */
function fill(base: string, piece: string, bytes: number): number {
  return Math.max(1, Math.ceil((bytes - utf8(base)) / utf8(piece)));
}

/** The header (through the 合计 line) and the body (every unit and project) of a published table. */
export function splitSeed(seed: string): { header: string; body: string } {
  const total = TOTAL_LINE.exec(seed);
  if (!total) throw new Error('the seed table has no 合计 line');
  const end = total.index + total[0].length + 1;
  return { header: seed.slice(0, end), body: `${seed.slice(end).replace(/\n*$/, '')}\n\n` };
}

/** The seed's body `copies` times under its header, the 合计 line scaled so the totals agree. */
export function repeatedTable(seed: string, copies: number): string {
  const { header, body } = splitSeed(seed);
  const scaled = header.replace(TOTAL_LINE, (_line, amounts: string) => {
    const scaledAmounts = amounts
      .trim()
      .split(/\s+/)
      .map((a) => formatWanYuan((parseWanYuan(a) ?? 0) * copies));
    return `合计 ${scaledAmounts.join(' ')}`;
  });
  return scaled + body.repeat(copies);
}

/** A realistic table of about `bytes`: many departments' worth of the seed's projects. */
export function realisticTable(seed: string, bytes: number): { text: string; copies: number } {
  const { body } = splitSeed(seed);
  const copies = Math.max(1, Math.ceil(bytes / utf8(body)));
  return { text: repeatedTable(seed, copies), copies };
}

/** The first project's lines, as the seed prints them (see db/seed-data). */
const FIRST_GOAL_LINE = '在规定时间内支付局办公大楼';
const FIRST_INDICATOR_NAME = '购买办公设备的数量';
const FIRST_ANNUAL = '年度\n\n指标值:1.扫描仪1台';
const FIRST_PROJECT_END = '95%；年度指标值:≥95%。\n';
const FIRST_PROJECT_NAME = '    队伍装备基础\n';

function replaceOnce(seed: string, anchor: string, replacement: string): string {
  const at = seed.indexOf(anchor);
  if (at < 0) throw new Error(`the seed table has no “${anchor}”`);
  return seed.slice(0, at) + replacement + seed.slice(at + anchor.length);
}

/** `anchor` followed by as many `piece`s as fill `bytes`. */
function insertRun(seed: string, anchor: string, piece: string, bytes: number): string {
  return replaceOnce(seed, anchor, anchor + piece.repeat(fill(seed, piece, bytes)));
}

/** Runs inside the first indicator's name (`购买办公设备的…数量`) and annual value (`1.扫描仪1台…台`). */
function insideFirstIndicator(seed: string, nameRun: string, valueRun: string): string {
  const named = replaceOnce(seed, FIRST_INDICATOR_NAME, `购买办公设备的${nameRun}数量`);
  return replaceOnce(named, FIRST_ANNUAL, `${FIRST_ANNUAL}${valueRun}台`);
}

export interface PathologicalTable {
  kind: string;
  /** What the text does to a parser. */
  description: string;
  build: (seed: string, bytes: number) => string;
}

type Build = PathologicalTable['build'];

/** The build of a table with `anchor` followed by a run of `piece`s up to the size. */
function runAfter(anchor: string, piece: string): Build {
  return (seed, bytes) => insertRun(seed, anchor, piece, bytes);
}

const PATHOLOGIES: Record<string, [description: string, build: Build]> = {
  'long-line': ['一个目标行长达整个输入，无空格无标点', runAfter(FIRST_GOAL_LINE, '应急物资储备')],
  'continuation-lines': [
    '数万行续行：目标每行以句号结尾，最后一项指标值后又接续行',
    (seed, bytes) => {
      const goal = insertRun(seed, `${FIRST_GOAL_LINE}\n`, '保障执法工作。\n', (utf8(seed) + bytes) / 2);
      return insertRun(goal, FIRST_PROJECT_END, '、补充说明。\n', bytes);
    },
  ],
  'name-lines': ['项目名称折成数万行，中间没有金额行', runAfter(FIRST_PROJECT_NAME, '名称片段\n')],
  'digit-runs': [
    '最后一项指标值是跨行的超长数字串，后接“、说明。”',
    (seed, bytes) => {
      const digits = '1234567890'.repeat(100);
      const lines = `${digits}\n`.repeat(fill(seed, `${digits}\n`, bytes));
      return replaceOnce(seed, FIRST_PROJECT_END, `95%；年度指标值:≥95%\n${lines}、说明。\n其后一行\n`);
    },
  ],
  'space-runs': [
    '指标名称和指标值中间夹着超长空格串',
    (seed, bytes) => {
      const spaces = ' '.repeat(Math.max(1, Math.floor((bytes - utf8(seed)) / 2)));
      return insideFirstIndicator(seed, spaces, spaces);
    },
  ],
  'punctuation-runs': [
    '指标名称里超长的分号串，指标值里超长的句号串',
    (seed, bytes) => {
      const half = Math.max(1, Math.floor((bytes - utf8(seed)) / 6));
      return insideFirstIndicator(seed, '；'.repeat(half), '。'.repeat(half));
    },
  ],
  'amount-runs': [
    '一行末尾数十万个金额',
    (seed, bytes) => replaceOnce(seed, '38.00 38.00\n', `38.00 38.00${' 1.00'.repeat(fill(seed, ' 1.00', bytes))}\n`),
  ],
  'no-line-breaks': [
    '整个表没有换行：多份目标表连成一行',
    (seed, bytes) => {
      const flat = seed.replace(/\s+/g, ' ');
      return flat.repeat(Math.max(1, Math.ceil(bytes / utf8(flat))));
    },
  ],
  'repeated-header': [
    '表头（标题、部门名称、列名、合计）重复数万次',
    (seed, bytes) => {
      const { header, body } = splitSeed(seed);
      return header.repeat(fill(body, header, bytes)) + body;
    },
  ],
  'many-items': [
    '第 7 项后数万个“9、”，然后才是 8、9、…、999：每个“9、”都要问后面还有没有 8',
    (seed, bytes) => {
      const item = (n: number) =>
        `${n}、1-产出指标；11-数量指标；指标\n名称；实施周期指标值:≥5家；年\n度指标值:≥5家。\n`;
      let sequential = '';
      for (let n = 8; n <= 999; n++) sequential += item(n);
      const early = item(9).repeat(fill(seed + sequential, item(9), bytes));
      return replaceOnce(seed, FIRST_PROJECT_END, FIRST_PROJECT_END + early + sequential);
    },
  ],
};

export const PATHOLOGICAL_TABLES: PathologicalTable[] = Object.entries(PATHOLOGIES).map(
  ([kind, [description, build]]) => ({
    kind,
    description,
    build,
  }),
);
