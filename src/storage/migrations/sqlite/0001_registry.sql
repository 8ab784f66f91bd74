-- Registry, identity and audit. Dates are ISO text (YYYY-MM-DD), instants RFC 3339 text, money
-- integer fen; *_sort columns hold ICU zh collation keys so both databases order names alike.
CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  parent_code TEXT,
  level TEXT NOT NULL CHECK (level IN ('province','city','county','zone','country')),
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  flags TEXT NOT NULL DEFAULT '',
  name_sort TEXT NOT NULL DEFAULT ''
);
CREATE INDEX regions_parent ON regions(parent_code, name_sort);
CREATE INDEX regions_level ON regions(level, name_sort);

CREATE TABLE carriers (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  name_sort TEXT NOT NULL,
  operator_uscc TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  zone_code TEXT REFERENCES regions(code),
  address TEXT NOT NULL DEFAULT '',
  founded_on TEXT NOT NULL,
  closed_on TEXT,
  specialization TEXT NOT NULL DEFAULT 'general',
  industry TEXT,
  area_total_m2 REAL NOT NULL DEFAULT 0,
  area_self_controlled_m2 REAL NOT NULL DEFAULT 0,
  area_incubatee_m2 REAL NOT NULL DEFAULT 0,
  area_public_service_m2 REAL NOT NULL DEFAULT 0,
  tier TEXT NOT NULL DEFAULT 'none',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX carriers_region ON carriers(region_code);
CREATE INDEX carriers_name_sort ON carriers(name_sort, id);
CREATE INDEX carriers_founded ON carriers(founded_on, id);
CREATE INDEX carriers_kind_tier ON carriers(kind, tier);

-- Chinese substring search: trigram FTS for queries of 3+ characters; shorter ones scan with
-- instr() because SQLite 3.40 silently returns no rows for LIKE '%海淀%' on a trigram index.
CREATE VIRTUAL TABLE carriers_fts USING fts5(name, address, content='carriers', content_rowid='id', tokenize='trigram');
CREATE TRIGGER carriers_fts_ai AFTER INSERT ON carriers BEGIN
  INSERT INTO carriers_fts(rowid, name, address) VALUES (new.id, new.name, new.address);
END;
CREATE TRIGGER carriers_fts_ad AFTER DELETE ON carriers BEGIN
  INSERT INTO carriers_fts(carriers_fts, rowid, name, address) VALUES ('delete', old.id, old.name, old.address);
END;
CREATE TRIGGER carriers_fts_au AFTER UPDATE OF name, address ON carriers BEGIN
  INSERT INTO carriers_fts(carriers_fts, rowid, name, address) VALUES ('delete', old.id, old.name, old.address);
  INSERT INTO carriers_fts(rowid, name, address) VALUES (new.id, new.name, new.address);
END;

CREATE TABLE recognitions (
  id INTEGER PRIMARY KEY,
  carrier_id INTEGER NOT NULL REFERENCES carriers(id),
  authority TEXT NOT NULL,
  level TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  document_no TEXT NOT NULL DEFAULT ''
);
CREATE INDEX recognitions_carrier ON recognitions(carrier_id);

CREATE TABLE overseas_sites (
  id INTEGER PRIMARY KEY,
  carrier_id INTEGER NOT NULL REFERENCES carriers(id),
  country_code TEXT NOT NULL REFERENCES regions(code),
  city TEXT NOT NULL DEFAULT ''
);
CREATE INDEX overseas_sites_carrier ON overseas_sites(carrier_id);

CREATE TABLE clusters (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  description TEXT NOT NULL DEFAULT ''
);
CREATE TABLE cluster_members (
  cluster_id INTEGER NOT NULL REFERENCES clusters(id),
  carrier_id INTEGER NOT NULL REFERENCES carriers(id),
  PRIMARY KEY (cluster_id, carrier_id)
);
CREATE INDEX cluster_members_carrier ON cluster_members(carrier_id);

CREATE TABLE enterprises (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_sort TEXT NOT NULL,
  uscc TEXT UNIQUE,
  is_team INTEGER NOT NULL DEFAULT 0,
  founded_on TEXT NOT NULL DEFAULT '',
  region_code TEXT NOT NULL REFERENCES regions(code),
  industry TEXT,
  domains TEXT NOT NULL DEFAULT '',
  employees INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX enterprises_region ON enterprises(region_code);
CREATE INDEX enterprises_name_sort ON enterprises(name_sort, id);
CREATE VIRTUAL TABLE enterprises_fts USING fts5(name, content='enterprises', content_rowid='id', tokenize='trigram');
CREATE TRIGGER enterprises_fts_ai AFTER INSERT ON enterprises BEGIN
  INSERT INTO enterprises_fts(rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER enterprises_fts_ad AFTER DELETE ON enterprises BEGIN
  INSERT INTO enterprises_fts(enterprises_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER enterprises_fts_au AFTER UPDATE OF name ON enterprises BEGIN
  INSERT INTO enterprises_fts(enterprises_fts, rowid, name) VALUES ('delete', old.id, old.name);
  INSERT INTO enterprises_fts(rowid, name) VALUES (new.id, new.name);
END;

CREATE TABLE qualifications (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  kind TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT
);
CREATE INDEX qualifications_enterprise ON qualifications(enterprise_id);

CREATE TABLE listings (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  board TEXT NOT NULL,
  code TEXT NOT NULL DEFAULT '',
  listed_on TEXT NOT NULL
);
CREATE INDEX listings_enterprise ON listings(enterprise_id);

CREATE TABLE incubations (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  carrier_id INTEGER NOT NULL REFERENCES carriers(id),
  state TEXT NOT NULL,
  applied_on TEXT NOT NULL,
  admitted_on TEXT,
  started_on TEXT,
  ended_on TEXT,
  end_reason TEXT,
  space_m2 REAL NOT NULL DEFAULT 0,
  transferred_from_id INTEGER REFERENCES incubations(id),
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX incubations_enterprise ON incubations(enterprise_id);
CREATE INDEX incubations_carrier ON incubations(carrier_id, state);
-- At most one active stay per enterprise.
CREATE UNIQUE INDEX incubations_one_active ON incubations(enterprise_id) WHERE state IN ('applied','admitted','incubating');

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  scope_region TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active',
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE TABLE user_carriers (
  user_id INTEGER NOT NULL REFERENCES users(id),
  carrier_id INTEGER NOT NULL REFERENCES carriers(id),
  PRIMARY KEY (user_id, carrier_id)
);
CREATE TABLE user_enterprises (
  user_id INTEGER NOT NULL REFERENCES users(id),
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  PRIMARY KEY (user_id, enterprise_id)
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL DEFAULT 'session',
  csrf_token TEXT NOT NULL DEFAULT '',
  label TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id INTEGER NOT NULL DEFAULT 0,
  actor_login TEXT NOT NULL,
  action TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  before_json TEXT NOT NULL DEFAULT '',
  after_json TEXT NOT NULL DEFAULT '',
  request_id TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_subject ON audit_log(subject_type, subject_id);
CREATE INDEX audit_actor ON audit_log(actor_login);
-- The chain head: appends update this one row first, which serialises them across servers.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_id INTEGER NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_head(id, last_id, last_hash) VALUES (1, 0, '');
