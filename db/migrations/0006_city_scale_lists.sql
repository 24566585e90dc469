CREATE TABLE `data_steps` (
	`name` text PRIMARY KEY NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `evaluation_flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`evaluation_id` integer NOT NULL,
	`kind` text NOT NULL,
	`ordinal` integer NOT NULL,
	`detail` text NOT NULL,
	FOREIGN KEY (`evaluation_id`) REFERENCES `evaluations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `evaluation_flags_evaluation_idx` ON `evaluation_flags` (`evaluation_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `evaluation_flags_kind_idx` ON `evaluation_flags` (`kind`);--> statement-breakpoint
CREATE TABLE `export_slots` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `audit_log_evaluation_idx`;--> statement-breakpoint
CREATE INDEX `audit_log_evaluation_idx` ON `audit_log` (`evaluation_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `evaluations_self_score_idx` ON `evaluations` (cast("self_score" as numeric));--> statement-breakpoint
CREATE INDEX `evaluations_counting_score_idx` ON `evaluations` (cast(case when "status" = 'finalized' then "final_score" else "self_score" end as numeric));--> statement-breakpoint
CREATE INDEX `evaluations_submitted_idx` ON `evaluations` (`submitted_at`);--> statement-breakpoint
CREATE INDEX `projects_year_department_position_idx` ON `projects` (`year`,`department_id`,`position`);--> statement-breakpoint
CREATE INDEX `projects_year_name_idx` ON `projects` (`year`,`name`);--> statement-breakpoint
CREATE INDEX `projects_year_budget_idx` ON `projects` (`year`,`budget_total_fen`);