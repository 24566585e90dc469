CREATE TABLE `department_figures` (
	`year` integer NOT NULL,
	`department_id` integer NOT NULL,
	`definition` integer NOT NULL,
	`figures` text NOT NULL,
	`projects` integer NOT NULL,
	`scored` integer NOT NULL,
	`finalized` integer NOT NULL,
	`budget_fen` integer NOT NULL,
	`scored_budget_fen` integer NOT NULL,
	`weighted_hundredths` text NOT NULL,
	`flag_counts` text NOT NULL,
	PRIMARY KEY(`year`, `department_id`),
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE cascade
);
