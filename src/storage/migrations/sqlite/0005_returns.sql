-- Annual statistical returns (火炬统计): one per carrier and year, values as canonical text keyed
-- by catalogue code (row 0 = carrier form, row = enterprise id for the per-incubatee form), the
-- history of every value, the workflow steps and the filing windows.
CREATE TABLE annual_returns (
  id INTEGER PRIMARY KEY,
  carrier_id INTEGER NOT NULL REFERENCES carriers(id),
  year INTEGER NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','returned','accepted')),
  pending_level TEXT NOT NULL DEFAULT '',
  pending_prefix TEXT NOT NULL DEFAULT '',
  review_path TEXT NOT NULL DEFAULT '',
  reopened_until TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_at TEXT NOT NULL DEFAULT '',
  accepted_at TEXT NOT NULL DEFAULT '',
  UNIQUE (carrier_id, year)
);
CREATE INDEX annual_returns_queue ON annual_returns(status, pending_level, pending_prefix, id);
CREATE INDEX annual_returns_year ON annual_returns(year, status);

CREATE TABLE return_values (
  return_id INTEGER NOT NULL REFERENCES annual_returns(id),
  row_id INTEGER NOT NULL,
  code TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (return_id, row_id, code)
);

CREATE TABLE return_explanations (
  return_id INTEGER NOT NULL REFERENCES annual_returns(id),
  warning_key TEXT NOT NULL,
  explanation TEXT NOT NULL,
  PRIMARY KEY (return_id, warning_key)
);

-- Append-only: one row per change of one value (row_id -1: a warning explanation).
CREATE TABLE return_values_history (
  id INTEGER PRIMARY KEY,
  return_id INTEGER NOT NULL REFERENCES annual_returns(id),
  row_id INTEGER NOT NULL,
  code TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  actor_id INTEGER NOT NULL DEFAULT 0,
  actor_login TEXT NOT NULL,
  at TEXT NOT NULL,
  request_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX return_values_history_return ON return_values_history(return_id, code, id);

-- Append-only: submit, approve, accept, return (with reason), reopen.
CREATE TABLE return_reviews (
  id INTEGER PRIMARY KEY,
  return_id INTEGER NOT NULL REFERENCES annual_returns(id),
  decision TEXT NOT NULL,
  level TEXT NOT NULL,
  region_prefix TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  actor_id INTEGER NOT NULL DEFAULT 0,
  actor_login TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX return_reviews_return ON return_reviews(return_id, id);

CREATE TABLE return_deadlines (
  year INTEGER NOT NULL,
  kind TEXT NOT NULL,
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  PRIMARY KEY (year, kind)
);
