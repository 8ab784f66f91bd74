-- Consent grants (an enterprise shares parts of its data with a user, carrier or region).
-- parts is stored as ",profile,financials," so one instr()/LIKE tests a part on both databases.
CREATE TABLE consent_grants (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  grantee_kind TEXT NOT NULL CHECK (grantee_kind IN ('user','carrier','region')),
  grantee TEXT NOT NULL,
  parts TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  revoked_at TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX consent_grants_enterprise ON consent_grants(enterprise_id);
CREATE INDEX consent_grants_grantee ON consent_grants(grantee_kind, grantee);
