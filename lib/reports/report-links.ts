/** Where a department's 部门自评报告 downloads (app/api/years/[year]/departments/[id]/report.docx). */
export const departmentReportHref = (year: number, departmentId: number) =>
  `/api/years/${year}/departments/${departmentId}/report.docx`;
