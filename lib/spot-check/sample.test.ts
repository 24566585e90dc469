import { describe, expect, it } from 'vitest';
import { allocate, drawSample, sampleSize, seededRandom, type SampleUnit } from './sample';

const POPULATION: SampleUnit[] = Array.from({ length: 40 }, (_, i) => ({
  id: i + 1,
  departmentId: i < 30 ? 1 : 2,
  budgetFen: i === 39 ? 1_000_000_000 : 1_000_000,
}));

const params = { seed: 'A1B2C3', mode: 'count' as const, amount: 8, stratified: false, weighted: false };

describe('the spot-check sample', () => {
  it('draws the same evaluations for the same seed, whatever order the population comes in', () => {
    const first = drawSample(POPULATION, params);
    expect(first).toHaveLength(8);
    expect(new Set(first).size).toBe(8);
    expect(drawSample([...POPULATION].reverse(), params)).toEqual(first);
    expect(drawSample(POPULATION, { ...params, seed: 'other' })).not.toEqual(first);
    expect(seededRandom('x')()).toBe(seededRandom('x')());
  });

  it('sizes a percent sample rounded up, never beyond the population', () => {
    expect(sampleSize(40, { mode: 'percent', amount: 10 })).toBe(4);
    expect(sampleSize(41, { mode: 'percent', amount: 10 })).toBe(5);
    expect(sampleSize(3, { mode: 'count', amount: 10 })).toBe(3);
    expect(drawSample(POPULATION, { ...params, mode: 'percent', amount: 100 }).sort((a, b) => a - b)).toEqual(
      POPULATION.map((u) => u.id),
    );
  });

  it('splits a stratified sample over departments by size (largest remainder)', () => {
    expect(allocate([30, 10], 8)).toEqual([6, 2]);
    expect(allocate([1, 1, 1], 2)).toEqual([1, 1, 0]);
    const drawn = drawSample(POPULATION, { ...params, stratified: true });
    expect(drawn.filter((id) => id <= 30)).toHaveLength(6);
    expect(drawn.filter((id) => id > 30)).toHaveLength(2);
  });

  it('favours large budgets when weighted', () => {
    let hits = 0;
    for (let s = 0; s < 50; s++)
      if (drawSample(POPULATION, { ...params, amount: 1, weighted: true, seed: `s${s}` })[0] === 40) hits++;
    // Unweighted, id 40 would be drawn 1 time in 40; weighted by a budget 1,000 times larger, nearly always.
    expect(hits).toBeGreaterThan(40);
  });
});
