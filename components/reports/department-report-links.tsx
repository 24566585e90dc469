import { departmentReportHref, departmentReportLabel } from '@/lib/reports/report-links';

/** Up to this many departments get a button each; more (finance's city) get the chosen one's. */
const BUTTONS_AT_MOST = 3;

/**
 * 部门自评报告 (.docx) of each department on a project list: a head's own, or every department finance
 * and admin see. Of many, the one the list is filtered to: the filter bar's department is the one
 * picker of the page (a second list of 200 departments would double the page for nothing).
 */
export function DepartmentReportLinks({
  year,
  departments,
  chosen,
}: {
  year: number;
  /** The departments of the year the reader may see. */
  departments: Array<{ id: number; name: string }>;
  /** The department the list is filtered to, if any. */
  chosen?: number;
}) {
  if (departments.length === 0) return null;
  const shown = departments.length <= BUTTONS_AT_MOST ? departments : departments.filter((d) => d.id === chosen);
  return (
    <div className="button-row no-print" data-testid="department-reports">
      {shown.map(({ id, name }) => (
        <a key={id} className="button" href={departmentReportHref(year, id)}>
          {departmentReportLabel(name)}
        </a>
      ))}
      {shown.length === 0 && (
        <span className="muted">部门自评报告：在下方按部门筛选后，可下载该部门的报告（Word）。</span>
      )}
    </div>
  );
}
