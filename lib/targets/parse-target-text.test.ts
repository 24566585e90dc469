import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTargetTable } from './parse-target-table';
import { parseTargetText } from './parse-target-text';
import type { Comparator, ParsedTarget } from './types';

const SEED = readFileSync(new URL('../../db/seed-data/baiyun-emergency-2024-targets.txt', import.meta.url), 'utf8');

type Shape = ['qual'] | [Comparator, string, string, string?] | Array<[Comparator, string, string, string?]>;

/** What a parsed target looks like, without the echoed texts, so expectations stay short. */
function shape(t: ParsedTarget): unknown {
  const part = (p: { comparator: Comparator; value: string; unit: string; label?: string; upper?: string }) => [
    p.comparator,
    p.upper ? `${p.value}..${p.upper}` : p.value,
    p.unit,
    ...(p.label ? [p.label] : []),
  ];
  if (t.kind === 'qualitative') return ['qual'];
  if (t.kind === 'quantitative') return part(t);
  return t.parts.map(part);
}

/** Every distinct 年度指标值 of the seed, with its expected reading written out by hand (scoring-rules.md § Targets). */
const SEED_EXPECTATIONS: Record<string, Shape> = {
  '1.扫描仪1台；2.信创台式电脑13台；3.信创笔记本电脑3台': [
    ['=', '1', '台', '扫描仪'],
    ['=', '13', '台', '信创台式电脑'],
    ['=', '3', '台', '信创笔记本电脑'],
  ],
  '≥4次，≥2个': [
    ['>=', '4', '次'],
    ['>=', '2', '个'],
  ],
  '1年': ['=', '1', '年'],
  '2024年全年': ['qual'],
  '≥98%': ['>=', '98', '%'],
  '≥95%': ['>=', '95', '%'],
  '≥90%': ['>=', '90', '%'],
  '≥99%': ['>=', '99', '%'],
  '≧90%': ['>=', '90', '%'],
  '≧95%': ['>=', '95', '%'],
  '≧100000家': ['>=', '100000', '家'],
  '95%或以上': ['>=', '95', '%'],
  '90%或以上': ['>=', '90', '%'],
  '＞300次': ['>', '300', '次'],
  '≤100%': ['<=', '100', '%'],
  '≤1%': ['<=', '1', '%'],
  '≤3次': ['<=', '3', '次'],
  '100%': ['=', '100', '%'],
  '95%': ['=', '95', '%'],
  '90%': ['=', '90', '%'],
  '30家': ['=', '30', '家'],
  '405支': ['=', '405', '支'],
  '40个': ['=', '40', '个'],
  '44个': ['=', '44', '个'],
  '90个': ['=', '90', '个'],
  '1个': ['=', '1', '个'],
  '3套': ['=', '3', '套'],
  '2场': ['=', '2', '场'],
  '55场': ['=', '55', '场'],
  '2736人次': ['=', '2736', '人次'],
  '191人次': ['=', '191', '人次'],
  '200人次': ['=', '200', '人次'],
  '225人次': ['=', '225', '人次'],
  '≥50家': ['>=', '50', '家'],
  '≥10个': ['>=', '10', '个'],
  '≥1000个': ['>=', '1000', '个'],
  '≥200套或本': ['>=', '200', '套或本'],
  '≥4期': ['>=', '4', '期'],
  '≥9宗': ['>=', '9', '宗'],
  '≥6宗': ['>=', '6', '宗'],
  '≥230次': ['>=', '230', '次'],
  '≥5次': ['>=', '5', '次'],
  '≥200场': ['>=', '200', '场'],
  '≥12次': ['>=', '12', '次'],
  '≥2次': ['>=', '2', '次'],
  '≥3000条': ['>=', '3000', '条'],
  '≥1500份': ['>=', '1500', '份'],
  高效有序处置: ['qual'],
  有效提升: ['qual'],
  按上级要求在规定时间内完成: ['qual'],
  支出项目第一期运维费与监理费: ['qual'],
  '支出项目建设费、代建服务费、监理服务费': ['qual'],
  '通过丰富演练科目和形式，提升演练质量和效果': ['qual'],
  提升突发事件应急响应和处置能力: ['qual'],
  '按照应急避护场所建设标准，提升应急避护场所建设质量和规范化水平': ['qual'],
  '提升避难场所人均有效避难面积，增强防灾减灾救灾能力': ['qual'],
};

describe('scoring-rules.md § Targets: parseTargetText on the seed table', () => {
  const seedIndicators = parseTargetTable(SEED).projects.flatMap((p) =>
    p.indicators.map((ind) => ({ project: p.name, ind })),
  );

  it('reads all 113 indicators of the seed', () => {
    expect(seedIndicators).toHaveLength(113);
  });

  it.each(
    seedIndicators.map(({ project, ind }) => [
      `${project} 第${ind.position}项 “${ind.annualTargetText}”`,
      ind.annualTargetText,
    ]),
  )('%s', (_label, text) => {
    expect(SEED_EXPECTATIONS, `no hand-written expectation for “${text}”`).toHaveProperty([text]);
    expect(shape(parseTargetText(text))).toEqual(SEED_EXPECTATIONS[text]);
  });

  it('counts 14 qualitative targets in the seed', () => {
    expect(seedIndicators.filter(({ ind }) => ind.target.kind === 'qualitative')).toHaveLength(14);
  });
});

/** A date, a period, a name with digits, a contradiction (≥ … 以下), words after the number: no target form. */
const QUALITATIVE_TEXTS = [
  '2024年12月31日前',
  '≥5次以下',
  '12月底前完成',
  '第1季度',
  '5G网络',
  '',
  '按时完成',
  '95%，较去年有所提升',
];

describe('scoring-rules.md § Targets: forms beyond the seed', () => {
  it.each<[string, Shape]>([
    ['43.2', ['=', '43.2', '']],
    ['≥98.5%', ['>=', '98.5', '%']],
    [' ≥90%', ['>=', '90', '%']],
    ['≥ 95 %', ['>=', '95', '%']],
    ['＝100％', ['=', '100', '%']],
    ['≦5次', ['<=', '5', '次']],
    ['＜2%', ['<', '2', '%']],
    ['９５％', ['=', '95', '%']],
    ['≥95%。', ['>=', '95', '%']],
    ['不少于30家', ['>=', '30', '家']],
    ['不低于90%', ['>=', '90', '%']],
    ['至少4次', ['>=', '4', '次']],
    ['30家以上', ['>=', '30', '家']],
    ['不超过5%', ['<=', '5', '%']],
    ['不高于3次', ['<=', '3', '次']],
    ['至多2起', ['<=', '2', '起']],
    ['5%或以下', ['<=', '5', '%']],
    ['3次以下', ['<=', '3', '次']],
    ['1,000个', ['=', '1000', '个']],
    ['90-95%', ['range', '90..95', '%']],
    ['90%～95%', ['range', '90..95', '%']],
    ['0起', ['=', '0', '起']],
    ['≥2次/年', ['>=', '2', '次/年']],
    ['30天内', ['<=', '30', '天']],
    ['30天内完成', ['<=', '30', '天']],
    ['3个工作日内', ['<=', '3', '个工作日']],
    ['5%以内', ['<=', '5', '%']],
    ['控制在5%以内', ['<=', '5', '%']],
    ['≤5%以内', ['<=', '5', '%']],
    ['≥95%以上', ['>=', '95', '%']],
    ['不少于30家以上', ['>=', '30', '家']],
    ['100km', ['=', '100', 'km']],
  ])('“%s”', (text, expected) => {
    expect(shape(parseTargetText(text))).toEqual(expected);
  });

  it.each(QUALITATIVE_TEXTS)('“%s” is qualitative', (text) => {
    expect(shape(parseTargetText(text))).toEqual(['qual']);
  });

  it('keeps the normalised text beside the reading', () => {
    const t = parseTargetText('≧ 90％。');
    expect(t.normalized).toBe('≥90%');
  });
});

describe('parsers never throw', () => {
  it('parseTargetText accepts any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        const t = parseTargetText(s);
        expect(['quantitative', 'compound', 'qualitative']).toContain(t.kind);
      }),
      { numRuns: 2000 },
    );
  });

  it('parseTargetText accepts strings built from the characters targets are made of', () => {
    const alphabet = fc.constantFrom(
      ...'0123456789.,，；、%≥≤＞＜＝≧≦><=～~-家次个台或以上以下不少于超过1.2.：:年全 。'.split(''),
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')),
        (s) => {
          parseTargetText(s);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('parseTargetTable accepts any string, and mangled copies of the seed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 2000 }), (s) => {
        const table = parseTargetTable(s);
        expect(Array.isArray(table.projects)).toBe(true);
      }),
      { numRuns: 300 },
    );
    const lines = SEED.split('\n');
    fc.assert(
      fc.property(fc.array(fc.nat(lines.length - 1), { maxLength: 30 }), fc.nat(lines.length), (drop, cut) => {
        const mangled = lines
          .filter((_, i) => !drop.includes(i))
          .slice(0, Math.max(1, cut))
          .join('\n');
        parseTargetTable(mangled);
      }),
      { numRuns: 200 },
    );
  });
});
