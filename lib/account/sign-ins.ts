import 'server-only';
import type { Db } from '@/db';
import { recentSignIns } from '@/db/queries/users';
import { formatDateTime } from '@/lib/format';

const BROWSERS: Array<[RegExp, string]> = [
  [/MicroMessenger\/(\d+)/, '微信'],
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/HeadlessChrome\/(\d+)/, 'Headless Chrome'],
  [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari/, 'Safari'],
];

const SYSTEMS: Array<[RegExp, string]> = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** A browser's User-Agent header as a person reads it: "Chrome 126 · Windows". */
export function describeUserAgent(userAgent: string | null | undefined): string {
  const ua = (userAgent ?? '').trim();
  if (!ua) return '未知';
  const browser = BROWSERS.map(([pattern, name]) => {
    const m = pattern.exec(ua);
    return m ? `${name} ${m[1]}` : null;
  }).find(Boolean);
  const system = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1];
  if (!browser) return ua.length > 40 ? `${ua.slice(0, 40)}…` : ua;
  return system ? `${browser} · ${system}` : browser;
}

/** The sign-in history shown on the account page, newest first; seconds matter when spotting someone else's attempt. */
export async function signInHistory(db: Db, { userId, limit = 10 }: { userId: number; limit?: number }) {
  return (await recentSignIns(db, { userId, limit })).map((s) => ({
    id: s.id,
    time: formatDateTime(s.createdAt, { seconds: true }),
    ip: s.ip?.split(',')[0].trim() || '—',
    browser: describeUserAgent(s.userAgent),
    success: s.success,
  }));
}
