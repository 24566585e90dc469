import { getDb } from '@/db';
import { countActiveDemoAccounts } from '@/db/queries/users';

/** Shown on every page while an account of the demo seed (with its published password) is active. */
export async function DemoBanner() {
  if ((await countActiveDemoAccounts(getDb())) === 0) return null;
  return (
    <div className="demo-banner" data-testid="demo-banner">
      演示数据：本系统含演示账号（密码公开），仅供试用。正式使用请以 SEED_DEMO=0 在空数据目录上启动，并用 npm run
      admin:create 创建管理员。
    </div>
  );
}
