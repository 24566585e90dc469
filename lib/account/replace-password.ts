import 'server-only';
import { transaction, type Db } from '@/db';
import { insertAuditEntries } from '@/db/queries/audit';
import { updateUser } from '@/db/queries/users';
import { hashPassword } from '@/lib/auth/password';

/**
 * A new password for an account, by its user or by an admin's reset: hashed before the transaction
 * opens (hashing is slow), then stored, every session of the account ended, and the audit written,
 * in one transaction. `temporary`: the user must replace it at the next sign-in.
 */
export async function replacePassword(
  db: Db,
  {
    userId,
    password,
    temporary,
    audit,
  }: { userId: number; password: string; temporary: boolean; audit: Parameters<typeof insertAuditEntries>[1] },
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await transaction(db, async (tx) => {
    await updateUser(tx, { userId, changes: { passwordHash, mustChangePassword: temporary }, endSessions: true });
    await insertAuditEntries(tx, audit);
  });
}
