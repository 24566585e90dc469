CREATE TABLE `notification_settings` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`evaluation_id` integer,
	`message` text NOT NULL,
	`dedupe_key` text,
	`read_at` integer,
	`mail_state` text,
	`mail_attempts` integer DEFAULT 0 NOT NULL,
	`mail_claimed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`evaluation_id`) REFERENCES `evaluations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE INDEX `notifications_mail_idx` ON `notifications` (`mail_state`);--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_uq` ON `notifications` (`user_id`,`dedupe_key`);--> statement-breakpoint
CREATE TABLE `spot_check_items` (
	`spot_check_id` integer NOT NULL,
	`evaluation_id` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`spot_check_id`, `evaluation_id`),
	FOREIGN KEY (`spot_check_id`) REFERENCES `spot_checks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`evaluation_id`) REFERENCES `evaluations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `spot_check_items_evaluation_idx` ON `spot_check_items` (`evaluation_id`);--> statement-breakpoint
CREATE TABLE `spot_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`seed` text NOT NULL,
	`mode` text NOT NULL,
	`amount` integer NOT NULL,
	`stratified` integer NOT NULL,
	`weighted` integer NOT NULL,
	`population` integer NOT NULL,
	`created_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`year`) REFERENCES `evaluation_years`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `evaluation_flags_kind_idx`;--> statement-breakpoint
CREATE INDEX `evaluation_flags_kind_idx` ON `evaluation_flags` (`kind`,`evaluation_id`);--> statement-breakpoint
ALTER TABLE `evaluations` ADD `executed_imported_fen` integer;--> statement-breakpoint
ALTER TABLE `evaluations` ADD `executed_imported_at` integer;--> statement-breakpoint
ALTER TABLE `evaluations` ADD `flags_version` integer DEFAULT 0 NOT NULL;