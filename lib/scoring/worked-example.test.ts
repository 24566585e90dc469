import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dec } from '../decimal';
import { scoreInterchange } from './interchange';
import { scoreEvaluation } from './score-evaluation';
import { workedExampleInput } from './test-support';

const REPO = join(__dirname, '..', '..');
const EXAMPLE_FILE = join(REPO, 'docs', 'examples', 'worked-example.json');
const run = promisify(execFile);

async function scoreCommand(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/score.ts', file], { cwd: REPO });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const TABLE_SCORES = ['13.50', '15.00', '15.00', '11.25', '15.00', '14.68'];

describe('scoring-rules.md § Worked example (seed project 安全生产基础工作专项经费, 21.50 万元)', () => {
  it('level points 75 / 15, 15.00 per indicator, the table scores exactly', () => {
    const result = scoreEvaluation(workedExampleInput());
    expect(result.errors).toEqual([]);
    expect(result.indicators.map((i) => dec(i.points).toFixed(2))).toEqual([
      '15.00',
      '15.00',
      '15.00',
      '15.00',
      '15.00',
      '15.00',
    ]);
    expect(result.indicators.map((i) => dec(i.computedScore).toFixed(2))).toEqual(TABLE_SCORES);
    expect(result.indicators.map((i) => i.rate?.slice(0, 8))).toEqual(['0.9', '1', '1', '0.75', '1', '0.978947']);
  });

  it('budget 20.00 of 21.50 → 93.02 % → 9.30; total 9.30 + 84.43 = 93.73 → 优', () => {
    const result = scoreEvaluation(workedExampleInput());
    expect(
      dec(result.budget.rate ?? '0')
        .times(100)
        .toFixed(2),
    ).toBe('93.02');
    expect(dec(result.budget.computedScore).toFixed(2)).toBe('9.30');
    const indicatorSum = result.indicators.reduce((sum, i) => sum.plus(i.selfScore), dec(0));
    expect(indicatorSum.toFixed(2)).toBe('84.43');
    expect(result.selfTotal).toBe('93.73');
    expect(result.finalTotal).toBe('93.73');
    expect([result.selfGrade, result.finalGrade]).toEqual(['优', '优']);
  });

  it('explanations required on rows 1, 4 and 6', () => {
    const result = scoreEvaluation(workedExampleInput());
    const rows = result.indicators.flatMap((i, index) => (i.explanationRequired ? [index + 1] : []));
    expect(rows).toEqual([1, 4, 6]);
    expect(result.budget.explanationRequired).toBe(false);
  });

  it('docs/examples/worked-example.json gives the same through the interchange parser', () => {
    const scored = scoreInterchange(JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')));
    if (!scored.ok) throw new Error(JSON.stringify(scored.errors));
    expect(scored.output.indicators.map((i) => i.score)).toEqual([13.5, 15, 15, 11.25, 15, 14.68]);
    expect(scored.output.indicators.map((i) => i.rate)).toEqual([0.9, 1, 1, 0.75, 1, 0.978947]);
    expect(scored.output.budget).toMatchObject({ rate: 0.930233, score: 9.3, explanationRequired: false });
    expect(scored.output).toMatchObject({ selfTotal: 93.73, total: 93.73, grade: '优' });
    expect(scored.warnings).toEqual([]);
  });

  it('the command prints total 93.73 and grade 优', async () => {
    const { code, stdout } = await scoreCommand('docs/examples/worked-example.json');
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.total).toBe(93.73);
    expect(output.grade).toBe('优');
    expect(output.indicators.map((i: { explanationRequired: boolean }) => i.explanationRequired)).toEqual([
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
  });

  it('the command exits 2 naming the offending field on a bad file, a missing file or broken JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-'));
    const bad = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8'));
    bad.indicators[2].actual = 'lots';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const invalid = await scoreCommand(join(dir, 'bad.json'));
    expect(invalid.code).toBe(2);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toContain('indicators[2].actual: ');

    const missing = await scoreCommand(join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('文件不存在');

    writeFileSync(join(dir, 'broken.json'), '{"budget": ');
    const broken = await scoreCommand(join(dir, 'broken.json'));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('不是有效的 JSON');
  });

  it('the command scores the integrated preset and exits 2 on invalid second-edition settings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-'));
    const example = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8'));
    writeFileSync(
      join(dir, 'integrated.json'),
      JSON.stringify({ ...example, scheme: 'integrated', budget: { initial: 21.5, executed: 15 } }),
    );
    const integrated = await scoreCommand(join(dir, 'integrated.json'));
    expect(integrated.code).toBe(0);
    expect(JSON.parse(integrated.stdout)).toMatchObject({ cap: { below: 70, maxTotal: 79 }, total: 79, grade: '中' });

    const unsorted = { below: 70, maxTotal: 79 };
    const scheme = { executionCaps: [unsorted, { below: 80, maxTotal: 89 }], overAchievementDeduction: -1 };
    writeFileSync(join(dir, 'caps.json'), JSON.stringify({ ...example, scheme }));
    const invalid = await scoreCommand(join(dir, 'caps.json'));
    expect(invalid.code).toBe(2);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toContain('scheme.overAchievementDeduction: ');
  });
});
