import type { Db } from '@/db';
import { recentSignIns } from '@/db/queries/users';

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

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** The sign-in history shown on the account page, newest first; seconds matter when spotting someone else's attempt. */
export function signInHistory(db: Db, { userId, limit = 10 }: { userId: number; limit?: number }) {
  return recentSignIns(db, { userId, limit }).map((s) => ({
    id: s.id,
    time: TIME.format(s.createdAt),
    ip: s.ip?.split(',')[0].trim() || '—',
    browser: describeUserAgent(s.userAgent),
    success: s.success,
  }));
}
