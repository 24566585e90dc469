import path from 'node:path';
import Database from 'better-sqlite3';
import { hashPasswordSync } from '../../lib/auth/password';

/** Adds a second department with its own head and owner straight into a test server's database file. */
export function addOtherDepartment(dataDir: string) {
  const db = new Database(path.join(dataDir, 'jixiao.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    const existing = db.prepare('select id from departments where name = ?').get('白云区水务局') as
      { id: number } | undefined;
    const departmentId =
      existing?.id ??
      Number(db.prepare('insert into departments (name) values (?)').run('白云区水务局').lastInsertRowid);
    const insert = db.prepare(
      'insert or ignore into users (username, display_name, password_hash, role, department_id) values (?, ?, ?, ?, ?)',
    );
    insert.run('otherhead', '水务局负责人', hashPasswordSync('demo1234'), 'dept_head', departmentId);
    insert.run('otherowner', '水务局项目负责人', hashPasswordSync('demo1234'), 'owner', departmentId);
  } finally {
    db.close();
  }
}
