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
  return (
    <div className="button-row no-print" data-testid="department-reports">
      {departments.map(({ id, name }) => (
        <a key={id} className="button" href={`/api/years/${year}/departments/${id}/report.docx`}>
          下载部门自评报告（{name}，Word）
        </a>
      ))}
    </div>
  );
}
