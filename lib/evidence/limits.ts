/**
 * How much evidence may be uploaded: a limit per file and one per evaluation (the sum of its attachments' sizes),
 * read from the environment in this one place (with the sweep's grace period), with the Chinese refusals that
 * name the file and the limit.
 */
import { DEFAULT_SWEEP_GRACE_MS } from './sweep';

const MEGABYTE = 1024 * 1024;

export const DEFAULT_MAX_FILE_MB = 20;
export const DEFAULT_MAX_EVALUATION_MB = 200;

export interface EvidenceLimits {
  maxFileMb: number;
  maxEvaluationMb: number;
  maxFileBytes: number;
  maxEvaluationBytes: number;
}

/** `EVIDENCE_MAX_FILE_MB` and `EVIDENCE_MAX_EVALUATION_MB` (megabytes of 1,048,576 bytes), else the defaults. */
export function evidenceLimits(env: Partial<Record<string, string>> = process.env): EvidenceLimits {
  const maxFileMb = megabytes(env, 'EVIDENCE_MAX_FILE_MB', DEFAULT_MAX_FILE_MB);
  const maxEvaluationMb = megabytes(env, 'EVIDENCE_MAX_EVALUATION_MB', DEFAULT_MAX_EVALUATION_MB);
  return {
    maxFileMb,
    maxEvaluationMb,
    maxFileBytes: Math.floor(maxFileMb * MEGABYTE),
    maxEvaluationBytes: Math.floor(maxEvaluationMb * MEGABYTE),
  };
}

/** A mistyped setting is a deployment error to fix, not something to replace silently with a default. */
function megabytes(env: Partial<Record<string, string>>, key: string, fallback: number): number {
  const raw = env[key]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${key} must be a positive number of megabytes, got ${JSON.stringify(raw)}`);
  }
  return value;
}

export function fileTooLargeMessage(name: string, limits: EvidenceLimits): string {
  return `“${name}”超过单个文件 ${limits.maxFileMb} MB 的上限`;
}

export function evaluationTooLargeMessage(name: string, limits: EvidenceLimits, usedBytes: number): string {
  return (
    `“${name}”会使本评价的佐证材料超过 ${limits.maxEvaluationMb} MB 的上限` +
    `（已用 ${formatMegabytes(usedBytes)} MB，剩余 ${formatMegabytes(remainingBytes(limits, usedBytes))} MB）`
  );
}

export interface UploadAllowance {
  /** The most bytes the next file may have: pass it to the storage's `put` as `maxBytes`. */
  maxBytes: number;
  /** The refusal when the file turns out larger: names whichever limit is the tighter one. */
  refusal: (name: string) => string;
}

/** What the next file of an evaluation that already holds `usedBytes` of evidence may be. */
export function nextFileAllowance(limits: EvidenceLimits, usedBytes: number): UploadAllowance {
  const remaining = remainingBytes(limits, usedBytes);
  if (limits.maxFileBytes <= remaining) {
    return { maxBytes: limits.maxFileBytes, refusal: (name) => fileTooLargeMessage(name, limits) };
  }
  return { maxBytes: remaining, refusal: (name) => evaluationTooLargeMessage(name, limits, usedBytes) };
}

function remainingBytes(limits: EvidenceLimits, usedBytes: number): number {
  return Math.max(0, limits.maxEvaluationBytes - usedBytes);
}

/** One decimal, rounded down: the message never promises space that is not there. */
function formatMegabytes(bytes: number): string {
  return (Math.floor((bytes / MEGABYTE) * 10) / 10).toFixed(1);
}

/** `EVIDENCE_SWEEP_GRACE_MINUTES` (default 60): how old an orphan must be before it goes. */
export function evidenceSweepGraceMs(env: Partial<Record<string, string>> = process.env): number {
  const raw = env.EVIDENCE_SWEEP_GRACE_MINUTES?.trim();
  if (!raw) return DEFAULT_SWEEP_GRACE_MS;
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new Error(`EVIDENCE_SWEEP_GRACE_MINUTES must be a number of minutes ≥ 0, got ${JSON.stringify(raw)}`);
  }
  return minutes * 60 * 1000;
}
