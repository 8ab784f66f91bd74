-- Warnings (codes warning_…: the row was imported) are counted apart from errors.
ALTER TABLE import_jobs ADD COLUMN warnings_total BIGINT NOT NULL DEFAULT 0;
