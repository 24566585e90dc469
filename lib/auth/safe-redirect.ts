const ORIGIN = 'http://internal.invalid';
const MAX_LENGTH = 2000;
/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** `//host` and `/\host` are read by browsers as another host; a return path never starts so. */
const OTHER_HOST = /^[/\\]{2}|^\/[\\]/;

/** The request header proxy.ts fills with the path a page was asked for, for the sign-in redirect. */
export const RETURN_PATH_HEADER = 'x-return-path';

/** Up to three rounds of percent-decoding: what a chain of decoders might eventually see. */
function decodings(value: string): string[] {
  const out = [value];
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(out[out.length - 1]);
      if (next === out[out.length - 1]) break;
      out.push(next);
    } catch {
      break;
    }
  }
  return out;
}

/**
 * A same-site path to return to after signing in, or the fallback. Parsing with URL catches the
 * forms browsers normalise into another host (`/\evil.example`, `/\t/evil.example`); the result is
 * checked again after the parser's own normalisation (`/.//evil.example` becomes `//evil.example`)
 * and after percent-decoding (`/%2F%2Fevil.example`), so no reading of it names another host.
 */
export function safeReturnPath(candidate: unknown, fallback = '/projects'): string {
  if (typeof candidate !== 'string' || candidate.length > MAX_LENGTH || !candidate.startsWith('/')) return fallback;
  if (decodings(candidate).some((form) => CONTROL.test(form) || OTHER_HOST.test(form))) return fallback;
  try {
    const url = new URL(candidate, ORIGIN);
    if (url.origin !== ORIGIN) return fallback;
    const path = `${url.pathname}${url.search}${url.hash}`;
    if (decodings(path).some((form) => OTHER_HOST.test(form) || !form.startsWith('/'))) return fallback;
    return path;
  } catch {
    return fallback;
  }
}

/** The sign-in page, remembering a deep link to come back to. */
export function signInPathFor(returnPath: unknown): string {
  const target = safeReturnPath(returnPath, '');
  return target && target !== '/' ? `/login?callbackUrl=${encodeURIComponent(target)}` : '/login';
}
