-- Statistics inputs that the registry did not hold yet: startup events held by carriers (创业活动)
-- and financing rounds of enterprises (the "financed" stage of the incubation funnel).
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  carrier_id INTEGER NOT NULL REFERENCES carriers(id),
  held_on TEXT NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'other',
  is_public INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX events_held_on ON events(held_on);
CREATE INDEX events_carrier ON events(carrier_id, held_on);

CREATE TABLE financings (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
  round TEXT NOT NULL,
  amount_fen INTEGER NOT NULL DEFAULT 0,
  financed_on TEXT NOT NULL,
  investor TEXT NOT NULL DEFAULT ''
);
CREATE INDEX financings_enterprise ON financings(enterprise_id, financed_on);
