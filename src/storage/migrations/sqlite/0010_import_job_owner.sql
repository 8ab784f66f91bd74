-- Which server instance runs an import job and when it last said it is alive, so that a job
-- whose server died is failed by another (or the restarted) server instead of staying queued.
ALTER TABLE import_jobs ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE import_jobs ADD COLUMN heartbeat_at TEXT NOT NULL DEFAULT '';
CREATE INDEX import_jobs_unfinished ON import_jobs(status, owner);
