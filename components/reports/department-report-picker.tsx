'use client';

import { useState } from 'react';
import { departmentReportHref, departmentReportLabel } from '@/lib/reports/report-links';

/** One department chosen from many, then its 部门自评报告 downloaded (a link, so it also opens in a new tab). */
export function DepartmentReportPicker({
  year,
  departments,
}: {
  year: number;
  departments: Array<{ id: number; name: string }>;
}) {
  const [departmentId, setDepartmentId] = useState(departments[0].id);
  const name = departments.find((d) => d.id === departmentId)?.name ?? '';
  return (
    <div className="button-row no-print" data-testid="department-reports">
      <label className="field inline">
        <span>部门自评报告</span>
        <select value={departmentId} onChange={(e) => setDepartmentId(Number(e.target.value))}>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <a className="button" href={departmentReportHref(year, departmentId)}>
        {departmentReportLabel(name)}
      </a>
    </div>
  );
}
