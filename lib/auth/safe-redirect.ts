const ORIGIN = 'http://internal.invalid';

/**
 * A same-site path to return to after signing in, or the fallback. Parsing with URL catches the
 * forms browsers normalise into another host (`/\evil.example`, `/\t/evil.example`, `//evil.example`).
 */
export function safeReturnPath(candidate: unknown, fallback = '/projects'): string {
  if (typeof candidate !== 'string' || !candidate.startsWith('/')) return fallback;
  try {
    const url = new URL(candidate, ORIGIN);
    if (url.origin !== ORIGIN) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
