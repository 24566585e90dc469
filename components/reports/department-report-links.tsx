/** 部门自评报告 (.docx) of each department on a project list: a head's own, or every department finance and admin see. */
export function DepartmentReportLinks({
  year,
  rows,
}: {
  year: number;
  rows: Array<{ departmentName: string; project: { departmentId: number } }>;
}) {
  const departments = [...new Map(rows.map((r) => [r.project.departmentId, r.departmentName])).entries()];
  if (departments.length === 0) return null;
  return (
    <div className="button-row no-print" data-testid="department-reports">
      {departments.map(([id, name]) => (
        <a key={id} className="button" href={`/api/years/${year}/departments/${id}/report.docx`}>
          下载部门自评报告（{name}，Word）
        </a>
      ))}
    </div>
  );
}
