import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/**
 * How a script runs outside Next, as `node <these> <script> …`: tsx with tsconfig.scripts.json,
 * whose paths make `import 'server-only'` the no-op it is on Next's server (outside Next the
 * package does not resolve at all).
 */
export function tsxArgs(script: string, args: string[] = []): string[] {
  const cli = createRequire(path.join(ROOT, 'package.json')).resolve('tsx/cli');
  return [cli, '--tsconfig', path.join(ROOT, 'tsconfig.scripts.json'), path.resolve(ROOT, script), ...args];
}
