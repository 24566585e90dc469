ALTER TABLE `evaluations` ADD `report_overview` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `evaluations` ADD `report_deviation` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `evaluations` ADD `report_problems` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `evaluations` ADD `report_application` text DEFAULT '' NOT NULL;