import bcrypt from 'bcryptjs';

export const MIN_PASSWORD_LENGTH = 8;
const COST = 10;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

/** Synchronous variant for seeding and scripts. */
export function hashPasswordSync(plain: string): string {
  return bcrypt.hashSync(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}
