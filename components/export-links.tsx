import type { ListQuery } from '@/db/list-query';
import { filterParams } from '@/lib/lists/list-params';
import { hrefOf } from '@/lib/lists/list-view';

/**
 * The year's exports, each following the search and filters of the list it is started from: the
 * 汇总 workbook, the indicator CSV and the zip of every project's 自评表.
 */
export function ExportLinks({ year, query }: { year: number; query: Pick<ListQuery, 'q' | 'filters'> }) {
  const params = filterParams(query);
  const filtered = Object.keys(params).length > 0;
  const of = (file: string) => hrefOf(`/api/years/${year}/${file}`, params);
  return (
    <div className="button-row no-print" data-testid="export-links">
      <a className="button" href={of('evaluations.xlsx')}>
        导出汇总 Excel{filtered && '（按筛选）'}
      </a>
      <a className="button" href={of('indicators.csv')}>
        导出指标明细 CSV{filtered && '（按筛选）'}
      </a>
      <a className="button" href={of('self-evaluations.zip')}>
        打包下载自评表{filtered && '（按筛选）'}
      </a>
    </div>
  );
}
