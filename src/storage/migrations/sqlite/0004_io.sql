-- Bulk import jobs, the problems they found, and the natural key of unregistered teams
-- (carrier code + team name) that imports use to find a team again.
CREATE TABLE import_jobs (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  status TEXT NOT NULL,
  skip_bad INTEGER NOT NULL DEFAULT 0,
  actor_login TEXT NOT NULL,
  actor_id INTEGER NOT NULL DEFAULT 0,
  scope_region TEXT NOT NULL DEFAULT '',
  file_name TEXT NOT NULL DEFAULT '',
  file_sha256 TEXT NOT NULL DEFAULT '',
  encoding TEXT NOT NULL DEFAULT '',
  bytes_total INTEGER NOT NULL DEFAULT 0,
  rows_total INTEGER NOT NULL DEFAULT 0,
  inserted INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  errors_total INTEGER NOT NULL DEFAULT 0,
  message_zh TEXT NOT NULL DEFAULT '',
  message_en TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  finished_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX import_jobs_actor ON import_jobs(actor_id, id);

CREATE TABLE import_errors (
  job_id INTEGER NOT NULL REFERENCES import_jobs(id),
  seq INTEGER NOT NULL,
  row_no INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  column_name TEXT NOT NULL,
  value TEXT NOT NULL,
  code TEXT NOT NULL,
  message_zh TEXT NOT NULL,
  message_en TEXT NOT NULL,
  PRIMARY KEY (job_id, seq)
);

CREATE TABLE enterprise_team_keys (
  enterprise_id INTEGER PRIMARY KEY REFERENCES enterprises(id),
  carrier_code TEXT NOT NULL,
  name TEXT NOT NULL
);
CREATE UNIQUE INDEX enterprise_team_keys_key ON enterprise_team_keys(carrier_code, name);
