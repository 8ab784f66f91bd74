-- Which statistics inputs changed and when: one row per carrier ('c'), enterprise ('e') or the
-- region tree ('r', ref 0), its seq raised by every insert, update or delete of a row the
-- statistics read (statement triggers, so the registry, bulk import, demo loader and plain SQL are
-- all seen). The statistics cache keys its snapshot on MAX(seq) and, after a write, reloads only
-- the carriers and enterprises whose seq is newer than its own. One row per entity: the table
-- stays bounded without pruning.
CREATE TABLE stats_changes (
  kind TEXT NOT NULL,
  ref BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  PRIMARY KEY (kind, ref)
);
CREATE INDEX stats_changes_seq ON stats_changes(seq);
CREATE SEQUENCE stats_change_seq;
-- Seqs are drawn under the audit chain's head row lock, which every writing transaction takes and
-- holds to its commit: a reader that sees seq N has seen every seq below N (a plain sequence
-- would let a slower transaction commit a lower seq after a reader moved past it).
-- TG_ARGV: the kind and the column holding the id.
CREATE FUNCTION stats_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM audit_head WHERE id = 1 FOR UPDATE;
  IF TG_OP <> 'DELETE' THEN
    EXECUTE format('INSERT INTO stats_changes(kind, ref, seq) SELECT %L, r, nextval(''stats_change_seq'') FROM (SELECT DISTINCT %s AS r FROM new_rows) d ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq', TG_ARGV[0], TG_ARGV[1]);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    EXECUTE format('INSERT INTO stats_changes(kind, ref, seq) SELECT %L, r, nextval(''stats_change_seq'') FROM (SELECT DISTINCT %s AS r FROM old_rows) d ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq', TG_ARGV[0], TG_ARGV[1]);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER stats_carriers_ai AFTER INSERT ON carriers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('c', 'id');
CREATE TRIGGER stats_carriers_au AFTER UPDATE ON carriers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('c', 'id');
CREATE TRIGGER stats_carriers_ad AFTER DELETE ON carriers REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('c', 'id');
CREATE TRIGGER stats_recognitions_ai AFTER INSERT ON recognitions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('c', 'carrier_id');
CREATE TRIGGER stats_recognitions_au AFTER UPDATE ON recognitions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('c', 'carrier_id');
CREATE TRIGGER stats_recognitions_ad AFTER DELETE ON recognitions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('c', 'carrier_id');
CREATE TRIGGER stats_overseas_sites_ai AFTER INSERT ON overseas_sites REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('c', 'carrier_id');
CREATE TRIGGER stats_overseas_sites_au AFTER UPDATE ON overseas_sites REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('c', 'carrier_id');
CREATE TRIGGER stats_overseas_sites_ad AFTER DELETE ON overseas_sites REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('c', 'carrier_id');
CREATE TRIGGER stats_events_ai AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('c', 'carrier_id');
CREATE TRIGGER stats_events_au AFTER UPDATE ON events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('c', 'carrier_id');
CREATE TRIGGER stats_events_ad AFTER DELETE ON events REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('c', 'carrier_id');
CREATE TRIGGER stats_enterprises_ai AFTER INSERT ON enterprises REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('e', 'id');
CREATE TRIGGER stats_enterprises_au AFTER UPDATE ON enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('e', 'id');
CREATE TRIGGER stats_enterprises_ad AFTER DELETE ON enterprises REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('e', 'id');
CREATE TRIGGER stats_qualifications_ai AFTER INSERT ON qualifications REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('e', 'enterprise_id');
CREATE TRIGGER stats_qualifications_au AFTER UPDATE ON qualifications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('e', 'enterprise_id');
CREATE TRIGGER stats_qualifications_ad AFTER DELETE ON qualifications REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('e', 'enterprise_id');
CREATE TRIGGER stats_listings_ai AFTER INSERT ON listings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('e', 'enterprise_id');
CREATE TRIGGER stats_listings_au AFTER UPDATE ON listings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('e', 'enterprise_id');
CREATE TRIGGER stats_listings_ad AFTER DELETE ON listings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('e', 'enterprise_id');
CREATE TRIGGER stats_financings_ai AFTER INSERT ON financings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('e', 'enterprise_id');
CREATE TRIGGER stats_financings_au AFTER UPDATE ON financings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('e', 'enterprise_id');
CREATE TRIGGER stats_financings_ad AFTER DELETE ON financings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('e', 'enterprise_id');
CREATE TRIGGER stats_incubations_ai AFTER INSERT ON incubations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('e', 'enterprise_id');
CREATE TRIGGER stats_incubations_au AFTER UPDATE ON incubations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('e', 'enterprise_id');
CREATE TRIGGER stats_incubations_ad AFTER DELETE ON incubations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('e', 'enterprise_id');
CREATE TRIGGER stats_regions_ai AFTER INSERT ON regions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('r', '0');
CREATE TRIGGER stats_regions_au AFTER UPDATE ON regions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('r', '0');
CREATE TRIGGER stats_regions_ad AFTER DELETE ON regions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_note_change('r', '0');
