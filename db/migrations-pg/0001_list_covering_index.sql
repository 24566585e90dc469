DROP INDEX "projects_year_department_position_idx";--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "indicator_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "projects_year_department_list_idx" ON "projects" USING btree ("year","department_id","position","owner_id","budget_total_fen","indicator_count");