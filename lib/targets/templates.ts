import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseTargetTable } from './parse-target-table';
import { exportTargetWorkbook } from './xlsx';

/** The published table the demo starts from (db/seed-data): the import page's example. */
const EXAMPLE_TABLE = path.join(process.cwd(), 'db', 'seed-data', 'baiyun-emergency-2024-targets.txt');

/** The import page's two downloads, both in the layout the importer reads (lib/targets/xlsx.ts). */
export const TARGET_TEMPLATES = {
  template: {
    fileName: '绩效目标表空白模板.xlsx',
    asciiFallback: 'target-table-template.xlsx',
    /** Title, 部门名称, the column header and the 合计 row: one row per indicator goes below. */
    build: () => exportTargetWorkbook({ department: '（部门名称）', implementingUnit: '', year: null, projects: [] }),
  },
  example: {
    fileName: '绩效目标表示例（广州市白云区应急管理局2024年）.xlsx',
    asciiFallback: 'target-table-example.xlsx',
    /** A real published table (17 projects, 113 indicators) as the importer reads it back. */
    build: async () => exportTargetWorkbook(parseTargetTable(await readFile(EXAMPLE_TABLE, 'utf8'))),
  },
} as const;

export type TargetTemplate = keyof typeof TARGET_TEMPLATES;
