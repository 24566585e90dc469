/** Shared by the sign-in check (server) and the login form (browser). */

/** The error next-auth passes to the login form while sign-in is paused: `THROTTLED:<seconds left>`. */
export const THROTTLED = 'THROTTLED';

export function throttledError(retryAfterSeconds: number): string {
  return `${THROTTLED}:${Math.max(1, Math.ceil(retryAfterSeconds))}`;
}

/** The login form's message for an error next-auth handed back. */
export function signInErrorMessage(error: string): string {
  const paused = new RegExp(`^${THROTTLED}:(\\d+)$`).exec(error);
  if (!paused) return '用户名或密码错误，或账号已停用';
  const seconds = Number(paused[1]);
  const wait = seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
  return `尝试次数过多，登录已暂停，请 ${wait}后再试`;
}
