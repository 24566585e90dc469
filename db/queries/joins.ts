import { eq } from 'drizzle-orm';
import { departments, evaluations, indicatorResults, indicators, projects } from '../schema';

/** The joins the reads repeat, each condition written once: an evaluation's project, a project's department, a result's indicator. */
export const JOIN = {
  projectOfEvaluation: eq(projects.id, evaluations.projectId),
  departmentOfProject: eq(departments.id, projects.departmentId),
  indicatorOfResult: eq(indicators.id, indicatorResults.indicatorId),
} as const;

/** An evaluation as a row of a year's list names it, over the first two joins: ids, status, project and department. */
export const EVALUATION_ROW = {
  evaluationId: evaluations.id,
  projectId: projects.id,
  project: projects.name,
  department: departments.name,
  status: evaluations.status,
} as const;
