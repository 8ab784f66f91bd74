-- Which statistics inputs changed and when: one row per carrier ('c'), enterprise ('e') or the
-- region tree ('r', ref 0), its seq raised by every insert, update or delete of a row the
-- statistics read (triggers, so the registry, bulk import, demo loader and plain SQL are all
-- seen). The statistics cache keys its snapshot on MAX(seq) and, after a write, reloads only the
-- carriers and enterprises whose seq is newer than its own. One row per entity: the table stays
-- bounded without pruning. Writers are serialised on SQLite, so seq order is commit order.
-- WITHOUT ROWID: one b-tree less to write per row of a bulk load.
CREATE TABLE stats_changes (
  kind TEXT NOT NULL,
  ref INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (kind, ref)
) WITHOUT ROWID;
CREATE INDEX stats_changes_seq ON stats_changes(seq);
CREATE TRIGGER stats_carriers_ai AFTER INSERT ON carriers BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('c', new.id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_carriers_au AFTER UPDATE OF kind, region_code, founded_on, closed_on ON carriers BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('c', old.id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_carriers_ad AFTER DELETE ON carriers BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('c', old.id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_recognitions_ai AFTER INSERT ON recognitions BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('c', new.carrier_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_recognitions_au AFTER UPDATE OF carrier_id, level, valid_from, valid_to ON recognitions BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('c', old.carrier_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('c', new.carrier_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_recognitions_ad AFTER DELETE ON recognitions BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('c', old.carrier_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_overseas_sites_ai AFTER INSERT ON overseas_sites BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('c', new.carrier_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_overseas_sites_au AFTER UPDATE OF carrier_id, country_code ON overseas_sites BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('c', old.carrier_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('c', new.carrier_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_overseas_sites_ad AFTER DELETE ON overseas_sites BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('c', old.carrier_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_events_ai AFTER INSERT ON events BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('c', new.carrier_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_events_au AFTER UPDATE OF carrier_id, held_on ON events BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('c', old.carrier_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('c', new.carrier_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_events_ad AFTER DELETE ON events BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('c', old.carrier_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_enterprises_ai AFTER INSERT ON enterprises BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', new.id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_enterprises_au AFTER UPDATE OF uscc, is_team, employees, region_code ON enterprises BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', old.id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_enterprises_ad AFTER DELETE ON enterprises BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', old.id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_qualifications_ai AFTER INSERT ON qualifications BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', new.enterprise_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_qualifications_au AFTER UPDATE OF enterprise_id, kind, valid_from ON qualifications BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', old.enterprise_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', new.enterprise_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_qualifications_ad AFTER DELETE ON qualifications BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', old.enterprise_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_listings_ai AFTER INSERT ON listings BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', new.enterprise_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_listings_au AFTER UPDATE OF enterprise_id, board, listed_on ON listings BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', old.enterprise_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', new.enterprise_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_listings_ad AFTER DELETE ON listings BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', old.enterprise_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_financings_ai AFTER INSERT ON financings BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', new.enterprise_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_financings_au AFTER UPDATE OF enterprise_id, financed_on ON financings BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', old.enterprise_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', new.enterprise_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_financings_ad AFTER DELETE ON financings BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', old.enterprise_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_incubations_ai AFTER INSERT ON incubations BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', new.enterprise_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_incubations_au AFTER UPDATE OF enterprise_id, carrier_id, state, admitted_on, ended_on ON incubations BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', old.enterprise_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', new.enterprise_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_incubations_ad AFTER DELETE ON incubations BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('e', old.enterprise_id, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_regions_ai AFTER INSERT ON regions BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('r', 0, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_regions_au AFTER UPDATE ON regions BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('r', 0, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER stats_regions_ad AFTER DELETE ON regions BEGIN
  INSERT INTO stats_changes(kind, ref, seq) VALUES ('r', 0, COALESCE((SELECT MAX(seq) FROM stats_changes), 0) + 1) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;
END;
