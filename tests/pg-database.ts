import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** The migrated database every test's database is cloned from. */
export const TEMPLATE = 'jixiao_template';

async function onMaintenance(port: number, statement: string) {
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await client.connect();
  await client.query(statement).finally(() => client.end());
}

/** A fresh migrated database on the run's cluster (tests/pg-global-setup.ts), and how to drop it. */
export function clonedDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  return createDatabase(`TEMPLATE ${TEMPLATE}`);
}

/** A fresh database without even the migrations (what a first `npm start` finds), and how to drop it. */
export function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  return createDatabase('');
}

async function createDatabase(clause: string) {
  const port = inject('pgPort');
  const name = `t_${randomBytes(6).toString('hex')}`;
  await onMaintenance(port, `CREATE DATABASE ${name} ${clause}`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${name}`,
    drop: () => onMaintenance(port, `DROP DATABASE ${name} WITH (FORCE)`),
  };
}
