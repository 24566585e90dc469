import { headers } from 'next/headers';
import { RETURN_PATH_HEADER, signInPathFor } from './safe-redirect';

/** The sign-in page for the page being rendered, so that signing in returns to it (proxy.ts names it). */
export async function signInPath(): Promise<string> {
  return signInPathFor((await headers()).get(RETURN_PATH_HEADER));
}
