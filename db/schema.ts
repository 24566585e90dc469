import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import type { FrozenEvaluation } from '../lib/evaluations/frozen-types';
import type { ParsedTarget } from '../lib/targets/types';

/**
 * The whole product's data. Money is whole 分 (`*_fen`); points and scores are exact decimal
 * strings (`"13.5"`), never floats. Timestamps are milliseconds since the epoch.
 */

export const ROLES = ['owner', 'dept_head', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** `returned`: sent back to the owner by the head or finance (or a finalised one reopened to them). */
export const EVALUATION_STATUSES = ['draft', 'returned', 'submitted', 'dept_approved', 'finalized'] as const;
/** With the owner (filled in, saved, submitted): a new draft and a returned one. The workflow table reads this. */
export const WITH_OWNER_STATUSES = ['draft', 'returned'] as const satisfies readonly EvaluationStatus[];
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

/** The workflow steps a 流转记录 entry records (lib/workflow/state-machine.ts names each). */
export const REVIEW_ACTIONS = ['submit', 'withdraw', 'approve', 'return', 'finalize', 'reopen', 'reassess'] as const;
export type ReviewActionKind = (typeof REVIEW_ACTIONS)[number];

/** What an audit entry records was done: to an evaluation, in administration, to targets and years. */
const EVALUATION_AUDIT = [
  'update',
  /** A draft saved from an uploaded entry workbook (从 Excel 导入). */
  'excel_import',
  'review',
  'review_cleared',
  'transition',
  'assign_owner',
  'treasury_import',
  'remind',
  'spot_check',
  'attach',
  'detach',
] as const;
const ADMIN_AUDIT = ['create', 'rename', 'deactivate', 'reactivate', 'reset_password', 'change_password'] as const;
const TARGET_AUDIT = [
  'import',
  'targets_imported',
  'targets_reimported',
  'targets_edited',
  'year_settings',
  'rollover',
] as const;
export const AUDIT_ACTIONS = [...EVALUATION_AUDIT, ...ADMIN_AUDIT, ...TARGET_AUDIT] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an audit entry is about: an evaluation and its results, or what administration changes. */
const EVALUATION_ENTITIES = ['evaluation', 'indicator_result', 'attachment'] as const;
const ADMIN_ENTITIES = ['project', 'user', 'department', 'target_import', 'year', 'spot_check'] as const;
export const AUDIT_ENTITY_TYPES = [...EVALUATION_ENTITIES, ...ADMIN_ENTITIES] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** Kinds of 值得关注 flag the engine's result gives an evaluation, replaced at every write (lib/overview/flags.ts). */
export const ENGINE_FLAG_KINDS = ['over_achievement', 'deduction', 'reviewed_differs', 'low_execution'] as const;
/** Kinds a reviewer may want to look at, kept by commitEvaluation from what is stored (lib/flags defines each). */
export const REVIEWER_FLAG_KINDS = [
  'unexplained_full_marks',
  'over_execution',
  'heavy_indicator',
  'qualitative_unmet',
  'repeated_explanation',
  'high_score_low_execution',
  'year_change',
] as const;
/** Kinds stored in evaluation_flags: the engine's and the reviewer's (add new stored kinds here). */
export const STORED_FLAG_KINDS = [...ENGINE_FLAG_KINDS, ...REVIEWER_FLAG_KINDS] as const;
/** Every kind of flag: the stored ones, and a draft near the year's deadline (a question of today, found when read). */
export const FLAG_KINDS = [...STORED_FLAG_KINDS, 'draft_near_deadline'] as const;
export type StoredFlagKind = (typeof STORED_FLAG_KINDS)[number];
export type EngineFlagKind = (typeof ENGINE_FLAG_KINDS)[number];
export type ReviewerFlagKind = (typeof REVIEWER_FLAG_KINDS)[number];
export type FlagKind = (typeof FLAG_KINDS)[number];

/** Optimistic lock of an editable row: every change names the version it started from and moves it on. */
const version = () => integer('version').notNull().default(1);

/** What a piece of evidence (佐证材料) belongs to: an indicator row, the budget line, 年度总体目标 or the whole evaluation. */
export const EVIDENCE_TARGETS = ['indicator', 'budget', 'goal', 'evaluation'] as const;
export type EvidenceTarget = (typeof EVIDENCE_TARGETS)[number];

/** Whose evidence it is: the owner's, or finance's own review evidence. */
export const EVIDENCE_PURPOSES = ['owner', 'review'] as const;
export type EvidencePurpose = (typeof EVIDENCE_PURPOSES)[number];

const createdAt = (column = 'created_at') =>
  integer(column, { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const departments = sqliteTable('departments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  version: version(),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    departmentId: integer('department_id').references(() => departments.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    /**
     * Moves on whenever the user's sessions must end (a password reset or change, signing out, a
     * deactivation, a change of role or department): every session signed in before ends.
     */
    sessionVersion: integer('session_version').notNull().default(0),
    /** Made by the demo seed, with the published demo password: the 演示数据 banner shows while one is active. */
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
    /** The admin's edit form names it (name, role, department, active): see `version()`. */
    version: version(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('users_department_idx').on(t.departmentId)],
);

export const signIns = sqliteTable(
  'sign_ins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').references(() => users.id),
    username: text('username').notNull(),
    success: integer('success', { mode: 'boolean' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (t) => [index('sign_ins_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Failed sign-ins counted per (username, client address) and per client address, with the pause in
 * force (lib/auth/throttle.ts). Kept in the database so every instance of the app sees the same count.
 */
export const signInThrottles = sqliteTable('sign_in_throttles', {
  /** `user:<address>:<username>` or `address:<address>`. */
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: integer('last_failure_at', { mode: 'timestamp_ms' }).notNull(),
  /** No attempt under this key is checked (or counted) before then. */
  blockedUntil: integer('blocked_until', { mode: 'timestamp_ms' }),
});

/** One evaluation year with its scoring scheme (rule book "The scheme"), stored as JSON settings. */
export const evaluationYears = sqliteTable('evaluation_years', {
  year: integer('year').primaryKey(),
  /** What lib/scoring safeResolveScheme takes: a preset name (`"national"`) or custom settings (`{"base":"hubei",…}`). */
  scheme: text('scheme', { mode: 'json' }).$type<string | Record<string, unknown>>().notNull(),
  status: text('status', { enum: ['open', 'closed'] })
    .notNull()
    .default('open'),
  /** YYYY-MM-DD, shown to owners. */
  deadline: text('deadline'),
  version: version(),
  createdAt: createdAt(),
});

export const projects = sqliteTable(
  'projects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year')
      .notNull()
      .references(() => evaluationYears.year),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    /** 实施单位 (资金使用单位 / 部门名称 of the table). */
    implementingUnit: text('implementing_unit').notNull(),
    name: text('name').notNull(),
    /** 绩效目标 (年度总体目标) as published. */
    goal: text('goal').notNull().default(''),
    budgetTotalFen: integer('budget_total_fen').notNull(),
    budgetFiscalFen: integer('budget_fiscal_fen').notNull().default(0),
    budgetSpecialFen: integer('budget_special_fen').notNull().default(0),
    budgetOtherFen: integer('budget_other_fen').notNull().default(0),
    ownerId: integer('owner_id').references(() => users.id),
    position: integer('position').notNull().default(0),
    /** Moves on with each change of its targets (goal, indicators) or its owner. */
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('projects_year_department_name_uq').on(t.year, t.departmentId, t.name),
    index('projects_owner_idx').on(t.ownerId),
    // The lists' default order (department, then table order) and the exports' keyset reads.
    index('projects_year_department_position_idx').on(t.year, t.departmentId, t.position),
    index('projects_year_name_idx').on(t.year, t.name),
    index('projects_year_budget_idx').on(t.year, t.budgetTotalFen),
  ],
);

export const indicators = sqliteTable(
  'indicators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    level1Code: text('level1_code').notNull(),
    level1Name: text('level1_name').notNull(),
    level2Code: text('level2_code').notNull().default(''),
    level2Name: text('level2_name').notNull().default(''),
    name: text('name').notNull(),
    periodTargetText: text('period_target_text').notNull().default(''),
    annualTargetText: text('annual_target_text').notNull(),
    parsedTarget: text('parsed_target', { mode: 'json' }).$type<ParsedTarget>().notNull(),
    /** Explicit 分值, decimal string; null = allocated by the rule book. */
    points: text('points'),
    warnings: text('warnings', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
  },
  (t) => [uniqueIndex('indicators_project_position_uq').on(t.projectId, t.position)],
);

export const evaluations = sqliteTable(
  'evaluations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id')
      .notNull()
      .unique()
      .references(() => projects.id, { onDelete: 'cascade' }),
    status: text('status', { enum: EVALUATION_STATUSES }).notNull().default('draft'),
    /** Optimistic lock: every save must name the version it started from. */
    version: integer('version').notNull().default(1),
    /** 全年预算数; null = 年初预算数. */
    budgetAdjustedFen: integer('budget_adjusted_fen'),
    /** 全年执行数. */
    budgetExecutedFen: integer('budget_executed_fen'),
    budgetExplanation: text('budget_explanation').notNull().default(''),
    budgetReviewedScore: text('budget_reviewed_score'),
    budgetReviewedReason: text('budget_reviewed_reason'),
    /** 年度总体目标 实际完成情况. */
    goalActual: text('goal_actual').notNull().default(''),
    /** The 自评报告's free-text sections (lib/reports/sections.ts), saved with the draft. */
    reportOverview: text('report_overview').notNull().default(''),
    reportDeviation: text('report_deviation').notNull().default(''),
    reportProblems: text('report_problems').notNull().default(''),
    reportApplication: text('report_application').notNull().default(''),
    selfScore: text('self_score'),
    finalScore: text('final_score'),
    selfGrade: text('self_grade'),
    finalGrade: text('final_grade'),
    /** 全年执行数 as finance last imported it from the treasury payment system (a later owner edit may differ). */
    executedImportedFen: integer('executed_imported_fen'),
    executedImportedAt: integer('executed_imported_at', { mode: 'timestamp_ms' }),
    /** The version of the flag definitions (lib/flags) the stored flags were computed with; 0 = never. */
    flagsVersion: integer('flags_version').notNull().default(0),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    finalizedAt: integer('finalized_at', { mode: 'timestamp_ms' }),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
    updatedById: integer('updated_by_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('evaluations_status_idx').on(t.status),
    // Sorting a year by score reads these in order and stops at the page (db/queries/evaluation-list.ts).
    index('evaluations_self_score_idx').on(sql`cast(${t.selfScore} as numeric)`),
    index('evaluations_counting_score_idx').on(countingScoreOf(t)),
    index('evaluations_submitted_idx').on(t.submittedAt),
  ],
);

/**
 * The score that counts for an evaluation now: the final one once finalised, else the self score. The
 * one definition, so that the index on it and the lists' ORDER BY are the same expression.
 */
export function countingScoreOf(t: {
  status: AnySQLiteColumn;
  finalScore: AnySQLiteColumn;
  selfScore: AnySQLiteColumn;
}) {
  return sql`cast(case when ${t.status} = 'finalized' then ${t.finalScore} else ${t.selfScore} end as numeric)`;
}

/** A qualitative actual is a tier and a percent; a compound one is one value per part. */
export type ActualValue = string | string[] | { tier: string; percent?: string };

export const indicatorResults = sqliteTable(
  'indicator_results',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    evaluationId: integer('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    actual: text('actual', { mode: 'json' }).$type<ActualValue>(),
    explanation: text('explanation').notNull().default(''),
    deductionScore: text('deduction_score'),
    deductionReason: text('deduction_reason'),
    reviewedScore: text('reviewed_score'),
    reviewedReason: text('reviewed_reason'),
    /** Server-computed at the last save (the engine's numbers, cached for lists and exports). */
    points: text('points'),
    rate: text('rate'),
    computedScore: text('computed_score'),
    finalScore: text('final_score'),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('indicator_results_evaluation_indicator_uq').on(t.evaluationId, t.indicatorId)],
);

export const reviewActions = sqliteTable(
  'review_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    evaluationId: integer('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => users.id),
    action: text('action', { enum: REVIEW_ACTIONS }).notNull(),
    fromStatus: text('from_status', { enum: EVALUATION_STATUSES }).notNull(),
    toStatus: text('to_status', { enum: EVALUATION_STATUSES }).notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('review_actions_evaluation_idx').on(t.evaluationId)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** null = the system (import, seed). */
    actorId: integer('actor_id').references(() => users.id),
    entityType: text('entity_type', { enum: AUDIT_ENTITY_TYPES }).notNull(),
    entityId: integer('entity_id'),
    evaluationId: integer('evaluation_id'),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    field: text('field'),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_evaluation_idx').on(t.evaluationId, t.createdAt),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
  ],
);

/** A required reference to another table's row, removed with that row. */
const cascadingReference = (name: string, target: () => AnySQLiteColumn) =>
  integer(name).notNull().references(target, { onDelete: 'cascade' });

/** The row of an evaluation that evidence (or a 缺佐证 flag) belongs to; `indicatorId` is set exactly for an indicator row. */
const evidenceRowColumns = () => ({
  evaluationId: cascadingReference('evaluation_id', () => evaluations.id),
  target: text('target', { enum: EVIDENCE_TARGETS }).notNull(),
  indicatorId: integer('indicator_id').references(() => indicators.id, { onDelete: 'cascade' }),
});

/**
 * One uploaded file of an evaluation's evidence. The content lives in the evidence store under its sha256 (shared
 * by identical uploads); the row is committed only after the content is durable there, so a row always has a file.
 */
export const attachments = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...evidenceRowColumns(),
    purpose: text('purpose', { enum: EVIDENCE_PURPOSES }).notNull(),
    /** The sanitised name it is shown and downloaded under. */
    name: text('name').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** Decided from the content, never from the name or the browser's claim. */
    mime: text('mime').notNull(),
    uploadedById: integer('uploaded_by_id')
      .notNull()
      .references(() => users.id),
    uploadedAt: createdAt('uploaded_at'),
  },
  (t) => [index('attachments_evaluation_idx').on(t.evaluationId), index('attachments_sha256_idx').on(t.sha256)],
);

/** The rows a return flagged as 缺佐证 (missing evidence), kept with that return. */
export const evidenceFlags = sqliteTable(
  'evidence_flags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...evidenceRowColumns(),
    reviewActionId: cascadingReference('review_action_id', () => reviewActions.id),
  },
  (t) => [index('evidence_flags_evaluation_idx').on(t.evaluationId, t.reviewActionId)],
);

/**
 * 值得关注: what an evaluation deserves a reviewer's look for, one row each, in the order the overview
 * lists them (`ordinal`). commitEvaluation writes both families in the write's transaction: the engine's
 * kinds with the cached scores, the reviewer's kinds from what is stored (lib/flags/stored.ts).
 */
export const evaluationFlags = sqliteTable(
  'evaluation_flags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    evaluationId: integer('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: STORED_FLAG_KINDS }).notNull(),
    ordinal: integer('ordinal').notNull(),
    detail: text('detail').notNull(),
  },
  (t) => [
    index('evaluation_flags_evaluation_idx').on(t.evaluationId, t.ordinal),
    index('evaluation_flags_kind_idx').on(t.kind, t.evaluationId),
  ],
);

/**
 * Leases on named slots shared by every instance of the app (two year exports at a time): a slot is
 * held until `expiresAt`, renewed while its work runs, so a crashed holder frees it on its own.
 */
export const exportSlots = sqliteTable('export_slots', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Data steps run once per database after the migrations (backfills of cached values), by name. */
export const dataSteps = sqliteTable('data_steps', {
  name: text('name').primaryKey(),
  createdAt: createdAt(),
});

/**
 * Each confirmed import of a target table, with its source as imported (text, or the workbook in
 * base64). Previews are never stored: a cancelled preview leaves no trace.
 */
export const targetImports = sqliteTable('target_imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  year: integer('year').notNull(),
  sourceName: text('source_name').notNull(),
  sourceText: text('source_text').notNull(),
  createdById: integer('created_by_id').references(() => users.id),
  createdAt: createdAt(),
});

export const NOTIFICATION_KINDS = [
  'returned',
  'approved',
  'finalized',
  'reopened',
  'reminded',
  'deadline',
  'queue',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const MAIL_STATES = ['pending', 'sending', 'sent', 'failed'] as const;

/** The in-app inbox, and the outbox of the optional e-mail copy (mail_state null = no mail). */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    evaluationId: integer('evaluation_id').references(() => evaluations.id, { onDelete: 'cascade' }),
    message: text('message').notNull(),
    /** Once per key and user (the deadline reminder: `deadline:{evaluation}:{deadline}`). */
    dedupeKey: text('dedupe_key'),
    readAt: integer('read_at', { mode: 'timestamp_ms' }),
    mailState: text('mail_state', { enum: MAIL_STATES }),
    mailAttempts: integer('mail_attempts').notNull().default(0),
    mailClaimedAt: integer('mail_claimed_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.readAt),
    index('notifications_mail_idx').on(t.mailState),
    uniqueIndex('notifications_dedupe_uq').on(t.userId, t.dedupeKey),
  ],
);

/** Where a user wants the e-mail copy of their notifications (none: in-app only). */
export const notificationSettings = sqliteTable('notification_settings', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  email: text('email').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
});

/** A drawn 抽查复核 sample: the parameters and seed that reproduce it. */
export const spotChecks = sqliteTable('spot_checks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  year: integer('year')
    .notNull()
    .references(() => evaluationYears.year),
  seed: text('seed').notNull(),
  mode: text('mode', { enum: ['count', 'percent'] }).notNull(),
  amount: integer('amount').notNull(),
  stratified: integer('stratified', { mode: 'boolean' }).notNull(),
  weighted: integer('weighted', { mode: 'boolean' }).notNull(),
  /** How many evaluations it was drawn from. */
  population: integer('population').notNull(),
  createdById: integer('created_by_id').references(() => users.id),
  createdAt: createdAt(),
});

export const spotCheckItems = sqliteTable(
  'spot_check_items',
  {
    spotCheckId: integer('spot_check_id')
      .notNull()
      .references(() => spotChecks.id, { onDelete: 'cascade' }),
    evaluationId: integer('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.spotCheckId, t.evaluationId] }),
    index('spot_check_items_evaluation_idx').on(t.evaluationId),
  ],
);

/**
 * What a finalised evaluation's table showed at 定稿 (lib/evaluations/frozen.ts): its views and
 * exports render from here from then on, whatever is renamed or rescored later. Reopening deletes it.
 */
export const evaluationSnapshots = sqliteTable('evaluation_snapshots', {
  evaluationId: integer('evaluation_id')
    .primaryKey()
    .references(() => evaluations.id, { onDelete: 'cascade' }),
  content: text('content', { mode: 'json' }).$type<FrozenEvaluation>().notNull(),
  createdAt: createdAt(),
});

/**
 * A job that exactly one instance of the app runs at a time (the scheduled backup, the evidence
 * sweep): the instance holding an unexpired lease runs it; `lastDoneAt` says when it last completed.
 */
export const jobLeases = sqliteTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  lastDoneAt: integer('last_done_at', { mode: 'timestamp_ms' }),
});

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
