-- Where a value change came from: '' for an edit of the form, 'import:<job id>' for a bulk import.
ALTER TABLE return_values_history ADD COLUMN source TEXT NOT NULL DEFAULT '';
