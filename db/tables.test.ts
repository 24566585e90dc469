import { getTableColumns, getTableName } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { defineTables } from './tables';

describe('one table definition for both dialects', () => {
  const sqlite = defineTables('sqlite');
  const pg = defineTables('pg');
  const typesOf = (tables: typeof sqlite) =>
    Object.values(tables).flatMap((table) =>
      Object.values(getTableColumns(table)).map((c) => [`${getTableName(table)}.${c.name}`, c.getSQLType()] as const),
    );

  it('has the same tables and columns on both', () => {
    expect(typesOf(pg).map(([name]) => name)).toEqual(typesOf(sqlite).map(([name]) => name));
  });

  it('keeps money in whole 分 (64-bit on PostgreSQL) and no column in floating point', () => {
    for (const [name, type] of [...typesOf(sqlite), ...typesOf(pg)]) {
      expect(type, name).not.toMatch(/real|double|float|numeric|decimal/i);
    }
    const fen = typesOf(pg).filter(([name]) => name.endsWith('_fen'));
    expect(fen.length).toBeGreaterThan(5);
    for (const [name, type] of fen) expect(type, name).toBe('bigint');
  });
});
