-- P3 reference: the dashboard's figures as plain GROUP BY queries over the same tables, for the
-- sqlite3 CLI. @D@ is the as-of date, @P@ the same day a year before (the summary's "previous").
-- Carriers active on the date, by kind and by tier in force.
SELECT kind, COUNT(*) FROM carriers WHERE founded_on <= '@D@' AND (closed_on IS NULL OR closed_on > '@D@') GROUP BY kind;
SELECT COALESCE(t.lvl, 0), COUNT(*) FROM carriers c LEFT JOIN (SELECT carrier_id, MAX(CASE level WHEN 'excellence' THEN 4 WHEN 'standard' THEN 3 WHEN 'national' THEN 2 WHEN 'provincial' THEN 1 END) AS lvl FROM recognitions WHERE valid_from <= '@D@' AND (valid_to IS NULL OR valid_to >= '@D@') AND level IN ('provincial','national','standard','excellence') GROUP BY carrier_id) t ON t.carrier_id = c.id WHERE c.founded_on <= '@D@' AND (c.closed_on IS NULL OR c.closed_on > '@D@') GROUP BY 1;
-- Coverage.
SELECT COUNT(DISTINCT c.region_code), (SELECT COUNT(*) FROM regions WHERE (level = 'county' AND flags NOT LIKE '%statistical%') OR (level = 'city' AND flags LIKE '%county_less%')) FROM carriers c JOIN regions r ON r.code = c.region_code WHERE ((r.level = 'county' AND r.flags NOT LIKE '%statistical%') OR (r.level = 'city' AND r.flags LIKE '%county_less%')) AND c.founded_on <= '@D@' AND (c.closed_on IS NULL OR c.closed_on > '@D@');
-- Cumulative technology enterprises.
SELECT COUNT(*) FROM enterprises e WHERE e.uscc IS NOT NULL AND e.id IN (SELECT enterprise_id FROM incubations WHERE admitted_on <= '@D@') AND e.id IN (SELECT enterprise_id FROM qualifications WHERE kind IN ('tech_sme','high_tech') AND valid_from <= '@D@');
-- Incubatees, teams and their jobs.
SELECT e.is_team, COUNT(*), SUM(e.employees) FROM incubations i JOIN enterprises e ON e.id = i.enterprise_id WHERE i.admitted_on <= '@D@' AND (i.ended_on IS NULL OR i.ended_on > '@D@') GROUP BY e.is_team;
-- Listed ever-incubated firms; STAR incubated vs all.
SELECT COUNT(DISTINCT enterprise_id) FROM listings WHERE listed_on <= '@D@' AND enterprise_id IN (SELECT enterprise_id FROM incubations WHERE admitted_on <= '@D@');
SELECT COUNT(DISTINCT enterprise_id), COUNT(DISTINCT CASE WHEN enterprise_id IN (SELECT enterprise_id FROM incubations WHERE admitted_on <= '@D@') THEN enterprise_id END) FROM listings WHERE board = 'star' AND listed_on <= '@D@';
-- Events per year, overseas countries, earliest founding.
SELECT substr(held_on, 1, 4), COUNT(*) FROM events WHERE held_on <= '@D@' GROUP BY 1;
SELECT COUNT(DISTINCT o.country_code) FROM overseas_sites o JOIN carriers c ON c.id = o.carrier_id WHERE c.founded_on <= '@D@' AND (c.closed_on IS NULL OR c.closed_on > '@D@');
SELECT MIN(founded_on) FROM carriers WHERE founded_on <= '@D@';
-- Funnel.
SELECT COUNT(DISTINCT enterprise_id) FROM incubations WHERE admitted_on <= '@D@';
SELECT COUNT(DISTINCT enterprise_id) FROM incubations WHERE admitted_on <= '@D@' AND enterprise_id IN (SELECT enterprise_id FROM financings WHERE financed_on <= '@D@');
SELECT COUNT(DISTINCT enterprise_id) FROM incubations WHERE state = 'graduated' AND ended_on <= '@D@';
-- The year before (the summary's comparison column).
SELECT COUNT(*) FROM carriers WHERE founded_on <= '@P@' AND (closed_on IS NULL OR closed_on > '@P@');
SELECT e.is_team, COUNT(*), SUM(e.employees) FROM incubations i JOIN enterprises e ON e.id = i.enterprise_id WHERE i.admitted_on <= '@P@' AND (i.ended_on IS NULL OR i.ended_on > '@P@') GROUP BY e.is_team;
SELECT COUNT(*) FROM enterprises e WHERE e.uscc IS NOT NULL AND e.id IN (SELECT enterprise_id FROM incubations WHERE admitted_on <= '@P@') AND e.id IN (SELECT enterprise_id FROM qualifications WHERE kind IN ('tech_sme','high_tech') AND valid_from <= '@P@');
SELECT COUNT(DISTINCT enterprise_id) FROM listings WHERE listed_on <= '@P@' AND enterprise_id IN (SELECT enterprise_id FROM incubations WHERE admitted_on <= '@P@');
-- By province (the map).
SELECT substr(region_code, 1, 2), kind, COUNT(*) FROM carriers WHERE founded_on <= '@D@' AND (closed_on IS NULL OR closed_on > '@D@') GROUP BY 1, 2;
SELECT substr(c.region_code, 1, 2), e.is_team, COUNT(*), SUM(e.employees) FROM incubations i JOIN enterprises e ON e.id = i.enterprise_id JOIN carriers c ON c.id = i.carrier_id WHERE i.admitted_on <= '@D@' AND (i.ended_on IS NULL OR i.ended_on > '@D@') GROUP BY 1, 2;
SELECT substr(c.region_code, 1, 2), COUNT(DISTINCT i.enterprise_id) FROM incubations i JOIN carriers c ON c.id = i.carrier_id JOIN enterprises e ON e.id = i.enterprise_id WHERE i.admitted_on <= '@D@' AND e.uscc IS NOT NULL AND e.id IN (SELECT enterprise_id FROM qualifications WHERE kind IN ('tech_sme','high_tech') AND valid_from <= '@D@') GROUP BY 1;
SELECT substr(c.region_code, 1, 2), COUNT(DISTINCT i.enterprise_id) FROM incubations i JOIN carriers c ON c.id = i.carrier_id WHERE i.admitted_on <= '@D@' AND i.enterprise_id IN (SELECT enterprise_id FROM listings WHERE listed_on <= '@D@') GROUP BY 1;
SELECT substr(c.region_code, 1, 2), COUNT(*) FROM events v JOIN carriers c ON c.id = v.carrier_id WHERE v.held_on BETWEEN '2024-01-01' AND '@D@' GROUP BY 1;
