import { describe, expect, it } from 'vitest';
import { dec } from '../decimal';
import { allocatePoints, levelPointsFor, splitEqually } from './allocate-points';
import { HUBEI_SCHEME, NATIONAL_SCHEME, resolveScheme } from './scheme';

const rows = (...codes: string[]) => codes.map((level1Code) => ({ level1Code }));
/** Rows with their 分值 as typed: `['1', '20']` is 产出 with 20 points, `['2']` 效益 with none. */
const rowsWithPoints = (...typed: Array<[level1Code: string, points?: string | null]>) =>
  typed.map(([level1Code, points]) => (points === undefined ? { level1Code } : { level1Code, points }));
const strings = (values: { toFixed(): string }[]) => values.map((v) => v.toFixed());

describe('scoring-rules.md § Points per indicator (分值)', () => {
  describe('1. level points and redistribution of absent level-1 groups', () => {
    it('all groups present: 产出 50 · 效益 30 · 满意度 10', () => {
      const allocation = allocatePoints(rows('1', '2', '3'), NATIONAL_SCHEME);
      expect(allocation.points).toEqual(['50', '30', '10']);
      expect(allocation.errors).toEqual([]);
    });

    it('a project with only 产出 and 满意度 (no 效益): 产出 50 × 90/60 = 75, 满意度 15', () => {
      expect(allocatePoints(rows('1', '3'), NATIONAL_SCHEME).points).toEqual(['75', '15']);
      expect(allocatePoints(rows('1', '1', '1', '1', '1', '3'), NATIONAL_SCHEME).points).toEqual([
        '15',
        '15',
        '15',
        '15',
        '15',
        '15',
      ]);
    });

    it('other absences: only 产出 → 90; 效益 + 满意度 → 67.5 / 22.5; 产出 + 效益 → 56.25 / 33.75', () => {
      expect(allocatePoints(rows('1', '1'), NATIONAL_SCHEME).points).toEqual(['45', '45']);
      expect(allocatePoints(rows('2', '3'), NATIONAL_SCHEME).points).toEqual(['67.5', '22.5']);
      expect(allocatePoints(rows('1', '2'), NATIONAL_SCHEME).points).toEqual(['56.25', '33.75']);
    });

    it('hubei: no 效益 → 产出 40 × 80/50 = 64, 满意度 16', () => {
      expect(allocatePoints(rows('1', '3'), HUBEI_SCHEME).points).toEqual(['64', '16']);
    });

    it('indicator points always add up to 100 − budget points', () => {
      for (const scheme of [NATIONAL_SCHEME, HUBEI_SCHEME]) {
        for (const codes of [['1'], ['2'], ['3'], ['1', '2'], ['1', '3'], ['2', '3'], ['1', '2', '3']]) {
          const levels = levelPointsFor(codes as ('1' | '2' | '3')[], scheme);
          const sum = Object.values(levels).reduce((s, v) => s.plus(v), dec(0));
          expect(sum.toFixed()).toBe(String(100 - scheme.budgetPoints));
        }
      }
    });

    it('a proportional split that is not whole hundredths uses the largest remainder', () => {
      // 90 × 50/70 = 64.2857…, 90 × 20/70 = 25.7142…: the leftover hundredth goes to the larger remainder.
      const scheme = resolveScheme({ levelPoints: { '1': 50, '2': 20, '3': 20 } });
      expect(allocatePoints(rows('1', '3'), scheme).points).toEqual(['64.29', '25.71']);
    });
  });

  describe('2. explicit 分值', () => {
    it('used when every indicator of the level has one and they add up to the level points', () => {
      const allocation = allocatePoints(rowsWithPoints(['1', '20'], ['1', '30'], ['2'], ['3']), NATIONAL_SCHEME);
      expect(allocation.points).toEqual(['20', '30', '30', '10']);
      expect(allocation.errors).toEqual([]);
    });

    it('must add up to the redistributed level points (75 when 效益 is absent)', () => {
      const ok = allocatePoints(rowsWithPoints(['1', '40'], ['1', '35'], ['3']), NATIONAL_SCHEME);
      expect(ok.points).toEqual(['40', '35', '15']);
      expect(ok.errors).toEqual([]);
    });

    it('explicit points that do not add up are a clear error', () => {
      const allocation = allocatePoints(rowsWithPoints(['1', '20'], ['1', '29'], ['2'], ['3']), NATIONAL_SCHEME);
      expect(allocation.errors).toEqual([
        { level1Code: '1', message: '产出指标各指标分值合计为49，应为50（第1、2行）' },
      ]);
      // The draft still shows the equal split.
      expect(allocation.points).toEqual(['25', '25', '30', '10']);
    });

    it('partial explicit points are an error naming the rows', () => {
      const allocation = allocatePoints(rowsWithPoints(['1', '20'], ['1', null], ['1', ' ']), NATIONAL_SCHEME);
      expect(allocation.errors).toHaveLength(1);
      expect(allocation.errors[0].message).toContain('第1行填写了分值，第2、3行未填写');
      expect(allocation.errors[0].message).toContain('合计为90');
    });

    it('invalid explicit points (not a number, negative, more than 2 decimals) name the row', () => {
      for (const points of ['abc', '-5', '12.345']) {
        const allocation = allocatePoints(rowsWithPoints(['1', points], ['1', '10']), NATIONAL_SCHEME);
        expect(allocation.errors).toEqual([
          { index: 0, field: 'points', message: expect.stringContaining('第1行分值') },
        ]);
      }
    });

    it('an unknown level-1 code is an error on that row; no indicators at all is an error', () => {
      expect(allocatePoints(rows('4', '1'), NATIONAL_SCHEME).errors[0]).toMatchObject({
        index: 0,
        field: 'level1Code',
      });
      expect(allocatePoints([], NATIONAL_SCHEME).errors[0].message).toContain('没有任何绩效指标');
    });
  });

  describe('3. equal split in hundredths, largest remainder, ties to the earlier indicator', () => {
    it('50 over 7 → 7.15, 7.15, 7.14, 7.14, 7.14, 7.14, 7.14', () => {
      expect(strings(splitEqually(dec(50), 7))).toEqual(['7.15', '7.15', '7.14', '7.14', '7.14', '7.14', '7.14']);
      expect(
        allocatePoints(rows('1', '1', '1', '1', '1', '1', '1', '2', '3'), NATIONAL_SCHEME).points.slice(0, 7),
      ).toEqual(['7.15', '7.15', '7.14', '7.14', '7.14', '7.14', '7.14']);
    });

    it('other splits: 75 / 5 = 15; 10 / 3 → 3.34, 3.33, 3.33; 30 / 7; the parts always add up', () => {
      expect(strings(splitEqually(dec(75), 5))).toEqual(['15', '15', '15', '15', '15']);
      expect(strings(splitEqually(dec(10), 3))).toEqual(['3.34', '3.33', '3.33']);
      const thirty = splitEqually(dec(30), 7);
      expect(strings(thirty)).toEqual(['4.29', '4.29', '4.29', '4.29', '4.28', '4.28', '4.28']);
      expect(thirty.reduce((s, v) => s.plus(v), dec(0)).toFixed()).toBe('30');
    });

    it('indicators of one level keep their places among the other levels', () => {
      expect(allocatePoints(rows('3', '1', '2', '1', '1'), NATIONAL_SCHEME).points).toEqual([
        '10',
        '16.67',
        '30',
        '16.67',
        '16.66',
      ]);
    });
  });
});
