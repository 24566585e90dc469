import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makePrivateDir, restrictFile } from '@/db/private-files';

/**
 * NEXTAUTH_SECRET, or one generated on first start and kept beside the database (0600), so sessions
 * survive restarts without the operator having to invent a secret.
 */
export function ensureAuthSecret(dir: string): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dir, '.nextauth-secret');
  if (existsSync(file)) {
    restrictFile(file);
    const stored = readFileSync(file, 'utf8').trim();
    if (stored) return stored;
  }
  makePrivateDir(dir);
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  restrictFile(file);
  return secret;
}
