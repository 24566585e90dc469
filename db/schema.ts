import { activeDialect } from './dialect';
import { defineTables } from './tables';

export * from './tables';

/**
 * The tables of the dialect DATABASE_URL selects (db/tables.ts has the one definition), typed as the
 * SQLite ones on both, so that every query is written and type-checked once.
 */
export const {
  departments,
  users,
  signIns,
  signInThrottles,
  evaluationYears,
  projects,
  indicators,
  evaluations,
  indicatorResults,
  reviewActions,
  auditLog,
  attachments,
  evidenceFlags,
  evaluationFlags,
  departmentFigures,
  exportSlots,
  dataSteps,
  targetImports,
  notifications,
  notificationSettings,
  spotChecks,
  spotCheckItems,
  evaluationSnapshots,
  jobLeases,
} = defineTables(activeDialect());

export type Department = typeof departments.$inferSelect;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type EvaluationYear = typeof evaluationYears.$inferSelect;
export type Project = typeof projects.$inferSelect;
export type NewProject = typeof projects.$inferInsert;
export type Indicator = typeof indicators.$inferSelect;
export type NewIndicator = typeof indicators.$inferInsert;
export type Evaluation = typeof evaluations.$inferSelect;
export type IndicatorResult = typeof indicatorResults.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type EvaluationFlag = typeof evaluationFlags.$inferSelect;
export type Attachment = typeof attachments.$inferSelect;
