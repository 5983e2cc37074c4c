-- Procedure types may ask for every chart section the EMR charts: besides clinical notes and
-- injectables, laser / device settings, products used, photos and the consents the
-- procedure requires. Each section is named once (the API refuses repeats); the database
-- holds the names to the known set.
ALTER TABLE procedure_types DROP CONSTRAINT procedure_types_sections_check;
ALTER TABLE procedure_types ADD CONSTRAINT procedure_types_sections_check CHECK (
  cardinality(sections) BETWEEN 1 AND 6
  AND sections <@ ARRAY['clinical_notes', 'injectables', 'laser_settings', 'products_used', 'photos', 'consents']::text[]
);
