/** Where a department's 部门自评报告 downloads (app/api/years/[year]/departments/[id]/report.docx). */
export const departmentReportHref = (year: number, departmentId: number) =>
  `/api/years/${year}/departments/${departmentId}/report.docx`;

/** The download's label, the same on a department's button and under the picker. */
export const departmentReportLabel = (departmentName: string) => `下载部门自评报告（${departmentName}，Word）`;
