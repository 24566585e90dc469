import { describe, expect, it } from 'vitest';
import { evidenceLimits, fileTooLargeMessage, nextFileAllowance } from './limits';

const MB = 1024 * 1024;

describe('evidenceLimits', () => {
  it('defaults to 20 MB a file and 200 MB an evaluation', () => {
    expect(evidenceLimits({})).toEqual({
      maxFileMb: 20,
      maxEvaluationMb: 200,
      maxFileBytes: 20 * MB,
      maxEvaluationBytes: 200 * MB,
    });
  });

  it('reads EVIDENCE_MAX_FILE_MB and EVIDENCE_MAX_EVALUATION_MB', () => {
    const limits = evidenceLimits({ EVIDENCE_MAX_FILE_MB: ' 0.5 ', EVIDENCE_MAX_EVALUATION_MB: '50' });
    expect(limits).toMatchObject({ maxFileMb: 0.5, maxFileBytes: MB / 2, maxEvaluationBytes: 50 * MB });
    expect(evidenceLimits({ EVIDENCE_MAX_FILE_MB: '' }).maxFileMb).toBe(20);
  });

  it.each(['abc', '0', '-5', 'Infinity', '20MB'])('refuses the setting %j with a message naming it', (raw) => {
    expect(() => evidenceLimits({ EVIDENCE_MAX_FILE_MB: raw })).toThrow(
      `EVIDENCE_MAX_FILE_MB must be a positive number of megabytes, got "${raw}"`,
    );
  });
});

describe('refusals', () => {
  const limits = evidenceLimits({});

  it('names the file and the per-file limit', () => {
    expect(fileTooLargeMessage('出勤台账.pdf', limits)).toBe('“出勤台账.pdf”超过单个文件 20 MB 的上限');
  });

  it('allows the per-file limit while the evaluation has room for it', () => {
    const allowance = nextFileAllowance(limits, 150 * MB);
    expect(allowance.maxBytes).toBe(20 * MB);
    expect(allowance.refusal('a.pdf')).toBe('“a.pdf”超过单个文件 20 MB 的上限');
  });

  it('allows only what is left of the evaluation near its limit, and says so', () => {
    const used = 190 * MB + 0.37 * MB;
    const allowance = nextFileAllowance(limits, used);
    expect(allowance.maxBytes).toBe(200 * MB - used);
    expect(allowance.refusal('照片.jpg')).toBe(
      '“照片.jpg”会使本评价的佐证材料超过 200 MB 的上限（已用 190.3 MB，剩余 9.6 MB）',
    );
    expect(nextFileAllowance(limits, 230 * MB).maxBytes).toBe(0);
  });
});
