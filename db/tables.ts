import { sql } from 'drizzle-orm';
import { vocabulary, type Dialect } from './dialect';
import type { FrozenEvaluation } from '../lib/evaluations/frozen-types';
import type { ParsedTarget } from '../lib/targets/types';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * The whole product's data. Money is whole 分 (`*_fen`); points and scores are exact decimal
 * strings (`"13.5"`), never floats. Timestamps are read as Dates.
 * Written once for both dialects (db/dialect.ts has the column vocabulary); db/schema.ts exports the active one.
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

/** What a piece of evidence (佐证材料) belongs to: an indicator row, the budget line, 年度总体目标 or the whole evaluation. */
export const EVIDENCE_TARGETS = ['indicator', 'budget', 'goal', 'evaluation'] as const;
export type EvidenceTarget = (typeof EVIDENCE_TARGETS)[number];

/** Whose evidence it is: the owner's, or finance's own review evidence. */
export const EVIDENCE_PURPOSES = ['owner', 'review'] as const;
export type EvidencePurpose = (typeof EVIDENCE_PURPOSES)[number];

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

/**
 * An explanation as the repeated-text flag compares it (surrounding spaces do not make a text
 * different): one definition for the index and the flag's queries, so that the index serves them.
 */
export function trimmedExplanationOf(t: { explanation: AnySQLiteColumn }) {
  return sql<string>`trim(${t.explanation})`;
}

/**
 * A set of evaluations' figures (db/queries/overview.ts computes them): counts by status and grade,
 * the score histogram's bins, budgets, and the budget-weighted score as exact integers (分 × the score
 * in hundredths, as text) that lib/overview divides with decimal.js.
 */
export interface Figures {
  projects: number;
  budgetFen: number;
  /** Indicators of the projects (the project list's 合计 row). */
  indicators: number;
  /** Drafts nobody has saved yet (填报进度's 未开始). */
  notStarted: number;
  scored: number;
  scoredBudgetFen: string;
  weightedHundredths: string;
  statuses: Record<EvaluationStatus, number>;
  grades: Record<string, number>;
  bins: Record<string, number>;
}

/** A qualitative actual is a tier and a percent; a compound one is one value per part. */
export type ActualValue = string | string[] | { tier: string; percent?: string };

/** Every table of the product, built for one dialect from one definition. */
export function defineTables(dialect: Dialect) {
  const v = vocabulary(dialect);
  /** Optimistic lock of an editable row: every change names the version it started from and moves it on. */
  const version = () => v.integer('version').notNull().default(1);

  const createdAt = (column = 'created_at') => v.timestamp(column).notNull().default(v.now());

  /** A required reference to another table's row, removed with that row. */
  const cascadingReference = (name: string, target: () => AnySQLiteColumn) =>
    v.integer(name).notNull().references(target, { onDelete: 'cascade' });

  /** Who did something (an actor, an uploader, an owner); `users` is defined below, hence the late lookup. */
  const userReference = (name: string) => v.integer(name).references(() => users.id);

  /** The evaluation year a row belongs to. */
  const yearReference = () =>
    v
      .integer('year')
      .notNull()
      .references(() => evaluationYears.year);

  const departments = v.table('departments', {
    id: v.id(),
    name: v.text('name').notNull().unique(),
    active: v.boolean('active').notNull().default(true),
    version: version(),
    createdAt: createdAt(),
  });

  const users = v.table(
    'users',
    {
      id: v.id(),
      username: v.text('username').notNull().unique(),
      displayName: v.text('display_name').notNull(),
      passwordHash: v.text('password_hash').notNull(),
      role: v.enumText('role', ROLES).notNull(),
      departmentId: v.integer('department_id').references(() => departments.id),
      active: v.boolean('active').notNull().default(true),
      mustChangePassword: v.boolean('must_change_password').notNull().default(false),
      /**
       * Moves on whenever the user's sessions must end (a password reset or change, signing out, a
       * deactivation, a change of role or department): every session signed in before ends.
       */
      sessionVersion: v.integer('session_version').notNull().default(0),
      /** Made by the demo seed, with the published demo password: the 演示数据 banner shows while one is active. */
      demo: v.boolean('demo').notNull().default(false),
      /** The admin's edit form names it (name, role, department, active): see `version()`. */
      version: version(),
      createdAt: createdAt(),
      updatedAt: v.timestamp('updated_at'),
    },
    (t) => [v.index('users_department_idx').on(t.departmentId)],
  );

  const signIns = v.table(
    'sign_ins',
    {
      id: v.id(),
      userId: userReference('user_id'),
      username: v.text('username').notNull(),
      success: v.boolean('success').notNull(),
      ip: v.text('ip'),
      userAgent: v.text('user_agent'),
      createdAt: createdAt(),
    },
    (t) => [v.index('sign_ins_user_idx').on(t.userId, t.createdAt)],
  );

  /**
   * Failed sign-ins counted per (username, client address) and per client address, with the pause in
   * force (lib/auth/throttle.ts). Kept in the database so every instance of the app sees the same count.
   */
  const signInThrottles = v.table('sign_in_throttles', {
    /** `user:<address>:<username>` or `address:<address>`. */
    key: v.text('key').primaryKey(),
    failures: v.integer('failures').notNull(),
    lastFailureAt: v.timestamp('last_failure_at').notNull(),
    /** No attempt under this key is checked (or counted) before then. */
    blockedUntil: v.timestamp('blocked_until'),
  });

  /** One evaluation year with its scoring scheme (rule book "The scheme"), stored as JSON settings. */
  const evaluationYears = v.table('evaluation_years', {
    year: v.integer('year').primaryKey(),
    /** What lib/scoring safeResolveScheme takes: a preset name (`"national"`) or custom settings (`{"base":"hubei",…}`). */
    scheme: v.json<string | Record<string, unknown>>('scheme').notNull(),
    status: v.enumText('status', ['open', 'closed']).notNull().default('open'),
    /** YYYY-MM-DD, shown to owners. */
    deadline: v.text('deadline'),
    version: version(),
    createdAt: createdAt(),
  });

  const projects = v.table(
    'projects',
    {
      id: v.id(),
      year: yearReference(),
      departmentId: v
        .integer('department_id')
        .notNull()
        .references(() => departments.id),
      /** 实施单位 (资金使用单位 / 部门名称 of the table). */
      implementingUnit: v.text('implementing_unit').notNull(),
      name: v.text('name').notNull(),
      /** 绩效目标 (年度总体目标) as published. */
      goal: v.text('goal').notNull().default(''),
      budgetTotalFen: v.fen('budget_total_fen').notNull(),
      budgetFiscalFen: v.fen('budget_fiscal_fen').notNull().default(0),
      budgetSpecialFen: v.fen('budget_special_fen').notNull().default(0),
      budgetOtherFen: v.fen('budget_other_fen').notNull().default(0),
      ownerId: userReference('owner_id'),
      position: v.integer('position').notNull().default(0),
      /**
       * How many indicators the project has, kept by the one write of its indicators (db/queries/targets):
       * the lists' 指标数 and its 合计 read it instead of counting 140,000 indicator rows of a city's year.
       */
      indicatorCount: v.integer('indicator_count').notNull().default(0),
      /** Moves on with each change of its targets (goal, indicators) or its owner. */
      version: version(),
      createdAt: createdAt(),
    },
    (t) => [
      v.uniqueIndex('projects_year_department_name_uq').on(t.year, t.departmentId, t.name),
      v.index('projects_owner_idx').on(t.ownerId),
      // The lists' default order (department, then table order) and the exports' keyset reads; with
      // the owner, the budget and the indicator count it covers the lists' counts, totals and scope
      // (no project row is read for them).
      v
        .index('projects_year_department_list_idx')
        .on(t.year, t.departmentId, t.position, t.ownerId, t.budgetTotalFen, t.indicatorCount),
      v.index('projects_year_name_idx').on(t.year, t.name),
      v.index('projects_year_budget_idx').on(t.year, t.budgetTotalFen),
    ],
  );

  const indicators = v.table(
    'indicators',
    {
      id: v.id(),
      projectId: cascadingReference('project_id', () => projects.id),
      position: v.integer('position').notNull(),
      level1Code: v.text('level1_code').notNull(),
      level1Name: v.text('level1_name').notNull(),
      level2Code: v.text('level2_code').notNull().default(''),
      level2Name: v.text('level2_name').notNull().default(''),
      name: v.text('name').notNull(),
      periodTargetText: v.text('period_target_text').notNull().default(''),
      annualTargetText: v.text('annual_target_text').notNull(),
      parsedTarget: v.json<ParsedTarget>('parsed_target').notNull(),
      /** Explicit 分值, decimal string; null = allocated by the rule book. */
      points: v.text('points'),
      warnings: v
        .json<string[]>('warnings')
        .notNull()
        .default(sql`'[]'`),
    },
    (t) => [v.uniqueIndex('indicators_project_position_uq').on(t.projectId, t.position)],
  );

  const evaluations = v.table(
    'evaluations',
    {
      id: v.id(),
      projectId: v
        .integer('project_id')
        .notNull()
        .unique()
        .references(() => projects.id, { onDelete: 'cascade' }),
      status: v.enumText('status', EVALUATION_STATUSES).notNull().default('draft'),
      /** Optimistic lock: every save must name the version it started from. */
      version: v.integer('version').notNull().default(1),
      /** 全年预算数; null = 年初预算数. */
      budgetAdjustedFen: v.fen('budget_adjusted_fen'),
      /** 全年执行数. */
      budgetExecutedFen: v.fen('budget_executed_fen'),
      budgetExplanation: v.text('budget_explanation').notNull().default(''),
      budgetReviewedScore: v.text('budget_reviewed_score'),
      budgetReviewedReason: v.text('budget_reviewed_reason'),
      /** 年度总体目标 实际完成情况. */
      goalActual: v.text('goal_actual').notNull().default(''),
      /** The 自评报告's free-text sections (lib/reports/sections.ts), saved with the draft. */
      reportOverview: v.text('report_overview').notNull().default(''),
      reportDeviation: v.text('report_deviation').notNull().default(''),
      reportProblems: v.text('report_problems').notNull().default(''),
      reportApplication: v.text('report_application').notNull().default(''),
      selfScore: v.text('self_score'),
      finalScore: v.text('final_score'),
      selfGrade: v.text('self_grade'),
      finalGrade: v.text('final_grade'),
      /** 全年执行数 as finance last imported it from the treasury payment system (a later owner edit may differ). */
      executedImportedFen: v.fen('executed_imported_fen'),
      executedImportedAt: v.timestamp('executed_imported_at'),
      /** The version of the flag definitions (lib/flags) the stored flags were computed with; 0 = never. */
      flagsVersion: v.integer('flags_version').notNull().default(0),
      submittedAt: v.timestamp('submitted_at'),
      finalizedAt: v.timestamp('finalized_at'),
      updatedAt: v.timestamp('updated_at'),
      updatedById: userReference('updated_by_id'),
      createdAt: createdAt(),
    },
    (t) => [
      v.index('evaluations_status_idx').on(t.status),
      // Sorting a year by score reads these in order and stops at the page (db/queries/evaluation-list.ts).
      v.index('evaluations_self_score_idx').on(sql`cast(${t.selfScore} as numeric)`),
      v.index('evaluations_counting_score_idx').on(countingScoreOf(t)),
      v.index('evaluations_submitted_idx').on(t.submittedAt),
    ],
  );

  const indicatorResults = v.table(
    'indicator_results',
    {
      id: v.id(),
      evaluationId: cascadingReference('evaluation_id', () => evaluations.id),
      indicatorId: cascadingReference('indicator_id', () => indicators.id),
      actual: v.json<ActualValue>('actual'),
      explanation: v.text('explanation').notNull().default(''),
      deductionScore: v.text('deduction_score'),
      deductionReason: v.text('deduction_reason'),
      reviewedScore: v.text('reviewed_score'),
      reviewedReason: v.text('reviewed_reason'),
      /** Server-computed at the last save (the engine's numbers, cached for lists and exports). */
      points: v.text('points'),
      rate: v.text('rate'),
      computedScore: v.text('computed_score'),
      finalScore: v.text('final_score'),
      updatedAt: v.timestamp('updated_at'),
    },
    (t) => [
      v.uniqueIndex('indicator_results_evaluation_indicator_uq').on(t.evaluationId, t.indicatorId),
      // Every commit looks its texts up in the whole year (the repeated-text flag): without it, a scan
      // of every result, 0.3 s a save at 20,000 projects.
      v.index('indicator_results_explanation_idx').on(trimmedExplanationOf(t)),
    ],
  );

  const reviewActions = v.table(
    'review_actions',
    {
      id: v.id(),
      evaluationId: cascadingReference('evaluation_id', () => evaluations.id),
      actorId: userReference('actor_id').notNull(),
      action: v.enumText('action', REVIEW_ACTIONS).notNull(),
      fromStatus: v.enumText('from_status', EVALUATION_STATUSES).notNull(),
      toStatus: v.enumText('to_status', EVALUATION_STATUSES).notNull(),
      comment: v.text('comment').notNull().default(''),
      createdAt: createdAt(),
    },
    (t) => [v.index('review_actions_evaluation_idx').on(t.evaluationId)],
  );

  const auditLog = v.table(
    'audit_log',
    {
      id: v.id(),
      /** null = the system (import, seed). */
      actorId: userReference('actor_id'),
      entityType: v.enumText('entity_type', AUDIT_ENTITY_TYPES).notNull(),
      entityId: v.integer('entity_id'),
      evaluationId: v.integer('evaluation_id'),
      action: v.enumText('action', AUDIT_ACTIONS).notNull(),
      field: v.text('field'),
      oldValue: v.text('old_value'),
      newValue: v.text('new_value'),
      createdAt: createdAt(),
    },
    (t) => [
      v.index('audit_log_evaluation_idx').on(t.evaluationId, t.createdAt),
      v.index('audit_log_entity_idx').on(t.entityType, t.entityId),
    ],
  );

  /** The row of an evaluation that evidence (or a 缺佐证 flag) belongs to; `indicatorId` is set exactly for an indicator row. */
  const evidenceRowColumns = () => ({
    evaluationId: cascadingReference('evaluation_id', () => evaluations.id),
    target: v.enumText('target', EVIDENCE_TARGETS).notNull(),
    indicatorId: v.integer('indicator_id').references(() => indicators.id, { onDelete: 'cascade' }),
  });

  /**
   * One uploaded file of an evaluation's evidence. The content lives in the evidence store under its sha256 (shared
   * by identical uploads); the row is committed only after the content is durable there, so a row always has a file.
   */
  const attachments = v.table(
    'attachments',
    {
      id: v.id(),
      ...evidenceRowColumns(),
      purpose: v.enumText('purpose', EVIDENCE_PURPOSES).notNull(),
      /** The sanitised name it is shown and downloaded under. */
      name: v.text('name').notNull(),
      size: v.integer('size').notNull(),
      sha256: v.text('sha256').notNull(),
      /** Decided from the content, never from the name or the browser's claim. */
      mime: v.text('mime').notNull(),
      uploadedById: userReference('uploaded_by_id').notNull(),
      uploadedAt: createdAt('uploaded_at'),
    },
    (t) => [v.index('attachments_evaluation_idx').on(t.evaluationId), v.index('attachments_sha256_idx').on(t.sha256)],
  );

  /** The rows a return flagged as 缺佐证 (missing evidence), kept with that return. */
  const evidenceFlags = v.table(
    'evidence_flags',
    {
      id: v.id(),
      ...evidenceRowColumns(),
      reviewActionId: cascadingReference('review_action_id', () => reviewActions.id),
    },
    (t) => [v.index('evidence_flags_evaluation_idx').on(t.evaluationId, t.reviewActionId)],
  );

  /**
   * 值得关注: what the engine's result of an evaluation deserves a reviewer's look for, one row each, in
   * the order the overview lists them (`ordinal`). Written with the cached scores, in the same transaction.
   */
  const evaluationFlags = v.table(
    'evaluation_flags',
    {
      id: v.id(),
      evaluationId: cascadingReference('evaluation_id', () => evaluations.id),
      kind: v.enumText('kind', STORED_FLAG_KINDS).notNull(),
      ordinal: v.integer('ordinal').notNull(),
      detail: v.text('detail').notNull(),
    },
    (t) => [
      v.index('evaluation_flags_evaluation_idx').on(t.evaluationId, t.ordinal),
      v.index('evaluation_flags_kind_idx').on(t.kind, t.evaluationId),
    ],
  );

  /**
   * Each department's figures of a year (db/queries/department-figures.ts), kept by every write of its
   * projects and evaluations in the same transaction: the overview's year figures and 各部门 read a row
   * per department instead of aggregating the year's evaluations. `figures` is the whole set; the
   * columns beside it are what 各部门 sorts by, and the counts of its stored flags. `definition`: FIGURES_DEFINITION when computed.
   */
  const departmentFigures = v.table(
    'department_figures',
    {
      year: v.integer('year').notNull(),
      departmentId: cascadingReference('department_id', () => departments.id),
      definition: v.integer('definition').notNull(),
      figures: v.json<Figures>('figures').notNull(),
      projects: v.integer('projects').notNull(),
      scored: v.integer('scored').notNull(),
      finalized: v.integer('finalized').notNull(),
      budgetFen: v.fen('budget_fen').notNull(),
      scoredBudgetFen: v.fen('scored_budget_fen').notNull(),
      /** Σ 分 × score in hundredths over the scored projects, as text (it may pass 2^53). */
      weightedHundredths: v.text('weighted_hundredths').notNull(),
      /** Its evaluations' stored 值得关注 flags by kind (kinds it has none of are left out). */
      flagCounts: v.json<Partial<Record<StoredFlagKind, number>>>('flag_counts').notNull(),
    },
    (t) => [v.primaryKey({ columns: [t.year, t.departmentId] })],
  );

  /**
   * Leases on named slots shared by every instance of the app (two year exports at a time): a slot is
   * held until `expiresAt`, renewed while its work runs, so a crashed holder frees it on its own.
   */
  const exportSlots = v.table('export_slots', {
    name: v.text('name').primaryKey(),
    holder: v.text('holder').notNull(),
    expiresAt: v.timestamp('expires_at').notNull(),
  });

  /** Data steps run once per database after the migrations (backfills of cached values), by name. */
  const dataSteps = v.table('data_steps', {
    name: v.text('name').primaryKey(),
    createdAt: createdAt(),
  });

  /**
   * Each confirmed import of a target table, with its source as imported (text, or the workbook in
   * base64). Previews are never stored: a cancelled preview leaves no trace.
   */
  const targetImports = v.table('target_imports', {
    id: v.id(),
    year: v.integer('year').notNull(),
    sourceName: v.text('source_name').notNull(),
    sourceText: v.text('source_text').notNull(),
    createdById: userReference('created_by_id'),
    createdAt: createdAt(),
  });

  /** The in-app inbox, and the outbox of the optional e-mail copy (mail_state null = no mail). */
  const notifications = v.table(
    'notifications',
    {
      id: v.id(),
      userId: userReference('user_id').notNull(),
      kind: v.enumText('kind', NOTIFICATION_KINDS).notNull(),
      evaluationId: v.integer('evaluation_id').references(() => evaluations.id, { onDelete: 'cascade' }),
      message: v.text('message').notNull(),
      /** Once per key and user (the deadline reminder: `deadline:{evaluation}:{deadline}`). */
      dedupeKey: v.text('dedupe_key'),
      readAt: v.timestamp('read_at'),
      mailState: v.enumText('mail_state', MAIL_STATES),
      mailAttempts: v.integer('mail_attempts').notNull().default(0),
      mailClaimedAt: v.timestamp('mail_claimed_at'),
      createdAt: createdAt(),
    },
    (t) => [
      v.index('notifications_user_idx').on(t.userId, t.readAt),
      v.index('notifications_mail_idx').on(t.mailState),
      v.uniqueIndex('notifications_dedupe_uq').on(t.userId, t.dedupeKey),
    ],
  );

  /** Where a user wants the e-mail copy of their notifications (none: in-app only). */
  const notificationSettings = v.table('notification_settings', {
    userId: userReference('user_id').primaryKey(),
    email: v.text('email').notNull(),
    updatedAt: v.timestamp('updated_at'),
  });

  /** A drawn 抽查复核 sample: the parameters and seed that reproduce it. */
  const spotChecks = v.table('spot_checks', {
    id: v.id(),
    year: yearReference(),
    seed: v.text('seed').notNull(),
    mode: v.enumText('mode', ['count', 'percent']).notNull(),
    amount: v.integer('amount').notNull(),
    stratified: v.boolean('stratified').notNull(),
    weighted: v.boolean('weighted').notNull(),
    /** How many evaluations it was drawn from. */
    population: v.integer('population').notNull(),
    createdById: userReference('created_by_id'),
    createdAt: createdAt(),
  });

  const spotCheckItems = v.table(
    'spot_check_items',
    {
      spotCheckId: cascadingReference('spot_check_id', () => spotChecks.id),
      evaluationId: cascadingReference('evaluation_id', () => evaluations.id),
      position: v.integer('position').notNull(),
    },
    (t) => [
      v.primaryKey({ columns: [t.spotCheckId, t.evaluationId] }),
      v.index('spot_check_items_evaluation_idx').on(t.evaluationId),
    ],
  );

  /**
   * What a finalised evaluation's table showed at 定稿 (lib/evaluations/frozen.ts): its views and
   * exports render from here from then on, whatever is renamed or rescored later. Reopening deletes it.
   */
  const evaluationSnapshots = v.table('evaluation_snapshots', {
    evaluationId: v
      .integer('evaluation_id')
      .primaryKey()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    content: v.json<FrozenEvaluation>('content').notNull(),
    createdAt: createdAt(),
  });

  /**
   * A job that exactly one instance of the app runs at a time (the scheduled backup, the evidence
   * sweep): the instance holding an unexpired lease runs it; `lastDoneAt` says when it last completed.
   */
  const jobLeases = v.table('job_leases', {
    name: v.text('name').primaryKey(),
    holder: v.text('holder').notNull(),
    expiresAt: v.timestamp('expires_at').notNull(),
    lastDoneAt: v.timestamp('last_done_at'),
  });

  // Parents before children: the order db:copy inserts in.
  return {
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
  };
}

export type Tables = ReturnType<typeof defineTables>;
