-- Data step: projects.indicator_count (added by 0001) starts as each project's number of indicators.
UPDATE "projects" SET "indicator_count" = (SELECT count(*) FROM "indicators" WHERE "indicators"."project_id" = "projects"."id");
