import { readEntryWorkbook, type ReadOutcome } from '@/lib/entry/read-workbook';
import { parseTargetSource, type SourceOutcome } from '@/lib/targets/source';
import { readTreasuryFile, type TreasuryRead } from '@/lib/treasury/read-file';

/**
 * The reads that run in the import worker (run.ts): each takes what the upload sent (a workbook in
 * base64, or text) and returns plain data, and says what to answer when the worker runs out of memory
 * or time (`detail`: 超过了时间上限, 超出了内存上限或意外中止).
 */
export const JOBS = {
  targets: {
    run: (source: { format: 'text' | 'xlsx'; content: string }) => parseTargetSource(source),
    failed: (detail: string): SourceOutcome => ({
      ok: false,
      refusal: { limit: 'resources', actual: 0, message: `目标表解析时${detail}，未导入` },
    }),
  },
  entry: {
    run: (base64: string) => readEntryWorkbook(Buffer.from(base64, 'base64')),
    failed: (detail: string): ReadOutcome => ({ ok: false, message: `填报表读取时${detail}，未导入` }),
  },
  treasury: {
    run: (base64: string) => readTreasuryFile(Buffer.from(base64, 'base64')),
    failed: (detail: string): TreasuryRead => ({ ok: false, message: `文件读取时${detail}，未导入` }),
  },
};

export type JobName = keyof typeof JOBS;
export type JobInput<Name extends JobName> = Parameters<(typeof JOBS)[Name]['run']>[0];
export type JobOutcome<Name extends JobName> = Awaited<ReturnType<(typeof JOBS)[Name]['run']>>;

/** A job as one signature, for the code that runs any of them. */
export function jobOf<Name extends JobName>(name: Name) {
  return JOBS[name] as unknown as {
    run: (input: JobInput<Name>) => Promise<JobOutcome<Name>>;
    failed: (detail: string) => JobOutcome<Name>;
  };
}
