CREATE TABLE "department_figures" (
	"year" integer NOT NULL,
	"department_id" integer NOT NULL,
	"definition" integer NOT NULL,
	"figures" json NOT NULL,
	"projects" integer NOT NULL,
	"scored" integer NOT NULL,
	"finalized" integer NOT NULL,
	"budget_fen" bigint NOT NULL,
	"scored_budget_fen" bigint NOT NULL,
	"weighted_hundredths" text NOT NULL,
	"flag_counts" json NOT NULL,
	CONSTRAINT "department_figures_year_department_id_pk" PRIMARY KEY("year","department_id")
);
--> statement-breakpoint
ALTER TABLE "department_figures" ADD CONSTRAINT "department_figures_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;