import { z } from 'zod';

/**
 * Optimistic locking of the admin's records (year settings, targets, users, departments, owner
 * assignment), as evaluations have it: a form carries the version it was opened at, the write claims
 * the next one, and a form opened before someone else's change gets this conflict instead of
 * overwriting it. Shared by the browser's schemas and the server.
 */
export const versionField = z.number({ error: '缺少版本号，请刷新页面' }).int().positive();

/** What a stale form shows; its input stays on the page. */
export const staleMessage = (what: string) =>
  `保存失败：${what}已被他人修改。您的输入仍保留在页面上，请先记下需要保留的内容，再刷新页面查看最新版本。`;
