-- Face diagram points, the photos and consents sections of procedure types, and removing a
-- photo from an unsigned chart (docs/decisions/039).

-- Where an injectable was given on the chart's face diagram: coordinates normalised to the
-- diagram (0 to 1 from its left and top edges), both or neither. Entries charted without
-- the diagram keep neither.
ALTER TABLE procedure_injectables ADD COLUMN point_x double precision;
ALTER TABLE procedure_injectables ADD COLUMN point_y double precision;
ALTER TABLE procedure_injectables ADD CONSTRAINT procedure_injectables_point_check CHECK (
  (point_x IS NULL AND point_y IS NULL)
  OR (point_x IS NOT NULL AND point_y IS NOT NULL AND point_x BETWEEN 0 AND 1 AND point_y BETWEEN 0 AND 1)
);

-- The consent templates (paperwork's consent kind, checked by the application) a patient
-- must have signed before a chart of the type is signed.
ALTER TABLE procedure_types ADD COLUMN required_consent_template_ids uuid[] NOT NULL DEFAULT '{}'
  CHECK (cardinality(required_consent_template_ids) <= 20 AND array_position(required_consent_template_ids, NULL) IS NULL);

-- Before this migration every chart offered photos: existing types keep them by naming the
-- photos section.
UPDATE procedure_types SET sections = array_append(sections, 'photos') WHERE NOT ('photos' = ANY (sections));

-- A photo may be removed from a chart until it is signed; the lock trigger of 0039 refuses
-- removal from a signed chart.
GRANT DELETE ON procedure_photos TO glowdesk_app;
