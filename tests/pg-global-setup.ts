import { closeDatabase } from '@/db';
import { migratePostgres, openPostgres } from '@/db/postgres';
import { startCluster } from './pg-cluster';
import { TEMPLATE } from './pg-database';
import type { TestProject } from 'vitest/node';

/**
 * The PostgreSQL run of the suite (vitest.pg.config.mts): one throwaway cluster for the whole run,
 * and one migrated database that each test's database is cloned from (CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject) {
  const cluster = await startCluster();
  try {
    await cluster.admin(`CREATE DATABASE ${TEMPLATE}`);
    const db = openPostgres(cluster.url(TEMPLATE), { max: 1 });
    // A template is cloned only while nobody is connected to it.
    await migratePostgres(db).finally(() => closeDatabase(db));
  } catch (error) {
    cluster.stop();
    throw error;
  }
  project.provide('pgPort', cluster.port);
  return () => cluster.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgPort: number;
  }
}
