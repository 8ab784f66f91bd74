-- Standards as data: rule-set versions (the database is the source of truth once the shipped
-- files are loaded), facts carriers declare, the hardship-area county list and stored verdicts.
CREATE TABLE rule_set_versions (
  id INTEGER PRIMARY KEY,
  rule_set_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  subject TEXT NOT NULL,
  kind TEXT NOT NULL,
  level TEXT NOT NULL DEFAULT 'none',
  jurisdiction TEXT NOT NULL,
  effective_from TEXT,
  effective_to TEXT,
  provisional INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'published',
  origin TEXT NOT NULL CHECK (origin IN ('shipped','upload','parameters')),
  file_name TEXT NOT NULL,
  toml TEXT NOT NULL,
  overrides_json TEXT NOT NULL DEFAULT '{}',
  based_on_version INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (rule_set_id, version)
);
CREATE INDEX rule_set_versions_origin ON rule_set_versions(origin, file_name);

-- Facts a carrier declares (staff, mentors, funds, income split …) where no accepted annual
-- return supplies them; the latest as_of on or before the evaluation date is used.
CREATE TABLE carrier_facts (
  carrier_id INTEGER NOT NULL REFERENCES carriers(id),
  indicator TEXT NOT NULL,
  as_of TEXT NOT NULL,
  value REAL NOT NULL,
  source_note TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (carrier_id, indicator, as_of)
);

-- 艰苦边远地区 county list (人社部). PROVISIONAL: shipped empty because the official list has not
-- been entered yet; until a national admin fills it no carrier counts as being in a hardship area.
CREATE TABLE hardship_counties (
  region_code TEXT PRIMARY KEY REFERENCES regions(code),
  note TEXT NOT NULL DEFAULT '',
  provisional INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE verdicts (
  id INTEGER PRIMARY KEY,
  rule_set_id TEXT NOT NULL,
  rule_set_version INTEGER NOT NULL,
  rule_set_kind TEXT NOT NULL,
  subject_type TEXT NOT NULL CHECK (subject_type IN ('carrier','enterprise')),
  subject_id INTEGER NOT NULL,
  as_of TEXT NOT NULL,
  region_code TEXT NOT NULL,
  carrier_id INTEGER,
  outcome TEXT NOT NULL,
  grade TEXT NOT NULL DEFAULT '',
  score REAL NOT NULL DEFAULT 0,
  provisional INTEGER NOT NULL DEFAULT 0,
  result_json TEXT NOT NULL,
  evaluated_at TEXT NOT NULL,
  UNIQUE (rule_set_id, rule_set_version, subject_type, subject_id, as_of)
);
CREATE INDEX verdicts_subject ON verdicts(subject_type, subject_id, as_of);
CREATE INDEX verdicts_region ON verdicts(region_code);
