import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';

/** bcrypt silently ignores everything after 72 bytes, so a longer password would only pretend to be stronger. */
const BCRYPT_MAX_BYTES = 72;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/**
 * A new password (a user's own or a temporary one an admin sets). Never trimmed: spaces are
 * characters the user typed and must type again at sign-in.
 */
export function passwordField(label: string) {
  return z
    .string({ error: `请输入${label}` })
    .min(1, `请输入${label}`)
    .min(MIN_PASSWORD_LENGTH, `${label}至少需要 ${MIN_PASSWORD_LENGTH} 个字符`)
    .refine(
      (text) => utf8Length(text) <= BCRYPT_MAX_BYTES,
      `${label}过长：最多 ${BCRYPT_MAX_BYTES} 个英文字符（汉字按 3 个计）`,
    );
}
