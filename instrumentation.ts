/**
 * Runs once when a server process starts (Next.js calls it before serving): the background jobs of the app. Only
 * in the Node.js runtime, where the database and the evidence store are.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ getDb }, { evidenceStorage }, { startEvidenceSweeps }, { startDeadlineNotices }] = await Promise.all([
    import('@/db'),
    import('@/lib/evidence/store'),
    import('@/lib/evidence/sweep-job'),
    import('@/lib/notifications/deadline-job'),
  ]);
  startEvidenceSweeps({ db: getDb, storage: evidenceStorage });
  startDeadlineNotices({ db: getDb });
}
