import { departmentReportHref, departmentReportLabel } from '@/lib/reports/report-links';
import { DepartmentReportPicker } from './department-report-picker';

/** Up to this many departments get a button each; more (finance's city) get one picker. */
const BUTTONS_AT_MOST = 3;

/** 部门自评报告 (.docx) of each department on a project list: a head's own, or every department finance and admin see. */
export function DepartmentReportLinks({
  year,
  departments,
}: {
  year: number;
  /** The departments of the year the reader may see. */
  departments: Array<{ id: number; name: string }>;
}) {
  if (departments.length === 0) return null;
  if (departments.length > BUTTONS_AT_MOST) return <DepartmentReportPicker year={year} departments={departments} />;
  return (
    <div className="button-row no-print" data-testid="department-reports">
      {departments.map(({ id, name }) => (
        <a key={id} className="button" href={departmentReportHref(year, id)}>
          {departmentReportLabel(name)}
        </a>
      ))}
    </div>
  );
}
