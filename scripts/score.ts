/**
 * What-if command: `npm run --silent score -- <file.json>` (or `-` for stdin) scores one evaluation
 * in the interchange format (docs/score-command.md) and prints the result as JSON.
 * Exit codes: 0 scored, 2 the input is invalid (each offending field named on stderr).
 */
import { readFileSync } from 'node:fs';
import { scoreInterchangeText, type InterchangeIssue } from '../lib/scoring/interchange';

const INVALID_INPUT = 2;
const USAGE = '用法：npm run --silent score -- <评价文件.json>（“-” 表示从标准输入读取）；格式见 docs/score-command.md';

function describe(issue: InterchangeIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

function main(args: string[]): number {
  const files = args.filter((arg) => arg !== '--');
  if (files.includes('--help') || files.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (files.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return INVALID_INPUT;
  }
  const [file] = files;
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (error as Error).message;
    process.stderr.write(`无法读取 ${file}：${reason}\n`);
    return INVALID_INPUT;
  }
  const scored = scoreInterchangeText(text);
  if (!scored.ok) {
    process.stderr.write(
      `${file === '-' ? '标准输入' : file} 无效：\n${scored.errors.map((e) => `  ${describe(e)}`).join('\n')}\n`,
    );
    return INVALID_INPUT;
  }
  for (const warning of scored.warnings) process.stderr.write(`警告 ${describe(warning)}\n`);
  process.stdout.write(`${JSON.stringify(scored.output, null, 2)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
