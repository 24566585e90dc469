import { describe, expect, it } from 'vitest';
import {
  HUBEI_SCHEME,
  NATIONAL_SCHEME,
  SchemeError,
  gradeFor,
  resolveScheme,
  safeResolveScheme,
  type Scheme,
} from './scheme';

describe('scoring-rules.md § The scheme (per evaluation year)', () => {
  it('national preset: budget 10, 产出 50 · 效益 30 · 满意度 10, ratio, 130 %, 90 %, 2 decimals', () => {
    expect(NATIONAL_SCHEME).toMatchObject({
      name: 'national',
      budgetPoints: 10,
      levelPoints: { '1': 50, '2': 30, '3': 10 },
      reverseFormula: 'ratio',
      overAchievementThreshold: 130,
      budgetExecutionThreshold: 90,
      gradeBands: { 优: 90, 良: 80, 中: 60 },
      precision: 2,
    });
  });

  it('national qualitative tiers: 达成 [80, 100] 100 · 部分达成 [60, 80) 70 · 未达成 [0, 60) 30', () => {
    expect(NATIONAL_SCHEME.qualitativeTiers).toEqual({
      达成: { min: 80, max: 100, maxInclusive: true, defaultPercent: 100 },
      部分达成: { min: 60, max: 80, maxInclusive: false, defaultPercent: 70 },
      未达成: { min: 0, max: 60, maxInclusive: false, defaultPercent: 30 },
    });
  });

  it('hubei preset: budget 20, 产出 40 · 效益 30 · 满意度 10, bands [80, 100] / [50, 80) / [0, 50), defaults 100/70/30', () => {
    expect(HUBEI_SCHEME).toMatchObject({ name: 'hubei', budgetPoints: 20, levelPoints: { '1': 40, '2': 30, '3': 10 } });
    expect(HUBEI_SCHEME.qualitativeTiers.部分达成).toEqual({
      min: 50,
      max: 80,
      maxInclusive: false,
      defaultPercent: 70,
    });
    expect(HUBEI_SCHEME.qualitativeTiers.未达成).toEqual({ min: 0, max: 50, maxInclusive: false, defaultPercent: 30 });
    expect(HUBEI_SCHEME.qualitativeTiers.达成).toEqual(NATIONAL_SCHEME.qualitativeTiers.达成);
    // "everything else as national"
    const differing = ['name', 'budgetPoints', 'levelPoints', 'qualitativeTiers'];
    const others = (scheme: Scheme) => Object.entries(scheme).filter(([key]) => !differing.includes(key));
    expect(others(HUBEI_SCHEME)).toEqual(others(NATIONAL_SCHEME));
  });

  it('resolves preset names and rejects unknown ones', () => {
    expect(resolveScheme('national')).toBe(NATIONAL_SCHEME);
    expect(resolveScheme('hubei')).toBe(HUBEI_SCHEME);
    const unknown = safeResolveScheme('guangxi');
    expect(unknown.success).toBe(false);
    if (!unknown.success) expect(unknown.issues[0].message).toContain('未知的评分方案');
  });

  it('merges a partial custom object over national', () => {
    const scheme = resolveScheme({
      reverseFormula: 'linear',
      precision: 0,
      qualitativeTiers: { 部分达成: { defaultPercent: 75 } },
    });
    expect(scheme.reverseFormula).toBe('linear');
    expect(scheme.precision).toBe(0);
    expect(scheme.qualitativeTiers.部分达成).toEqual({ min: 60, max: 80, maxInclusive: false, defaultPercent: 75 });
    expect(scheme.levelPoints).toEqual(NATIONAL_SCHEME.levelPoints);
    expect(scheme.name).toBe('custom');
  });

  it('a complete scheme object (e.g. one stored with the evaluation year) resolves to itself', () => {
    expect(resolveScheme(HUBEI_SCHEME)).toEqual(HUBEI_SCHEME);
    expect(resolveScheme(JSON.parse(JSON.stringify(NATIONAL_SCHEME)))).toEqual(NATIONAL_SCHEME);
  });

  it('a custom object may start from another preset', () => {
    const scheme = resolveScheme({ base: 'hubei', reverseFormula: 'linear' });
    expect(scheme.budgetPoints).toBe(20);
    expect(scheme.reverseFormula).toBe('linear');
  });

  it('rejects points that do not add up to 100 with the budget points', () => {
    const result = safeResolveScheme({ budgetPoints: 20 });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues[0].message).toContain('之和应为100');
    expect(() => resolveScheme({ budgetPoints: 20 })).toThrow(SchemeError);
    expect(resolveScheme({ budgetPoints: 20, levelPoints: { '1': 40 } }).budgetPoints).toBe(20);
  });

  it('rejects a default percent outside its band, bands that do not tile 0–100, unknown settings', () => {
    const outside = safeResolveScheme({ qualitativeTiers: { 部分达成: { defaultPercent: 80 } } });
    expect(outside.success).toBe(false);
    if (!outside.success) expect(outside.issues[0].path).toBe('qualitativeTiers.部分达成.defaultPercent');
    expect(safeResolveScheme({ qualitativeTiers: { 部分达成: { min: 55 } } }).success).toBe(false);
    const typo = safeResolveScheme({ budgetPionts: 10 });
    expect(typo.success).toBe(false);
    expect(safeResolveScheme({ precision: 3 }).success).toBe(false);
    expect(safeResolveScheme({ gradeBands: { 良: 95 } }).success).toBe(false);
  });

  it('grades: 优 ≥ 90 · 良 ≥ 80 · 中 ≥ 60 · 差 otherwise', () => {
    expect(gradeFor('100', NATIONAL_SCHEME)).toBe('优');
    expect(gradeFor('90', NATIONAL_SCHEME)).toBe('优');
    expect(gradeFor('89.99', NATIONAL_SCHEME)).toBe('良');
    expect(gradeFor('80', NATIONAL_SCHEME)).toBe('良');
    expect(gradeFor('79.99', NATIONAL_SCHEME)).toBe('中');
    expect(gradeFor('60', NATIONAL_SCHEME)).toBe('中');
    expect(gradeFor('59.99', NATIONAL_SCHEME)).toBe('差');
    expect(gradeFor('0', NATIONAL_SCHEME)).toBe('差');
    expect(gradeFor('84', resolveScheme({ gradeBands: { 优: 85 } }))).toBe('良');
  });
});
