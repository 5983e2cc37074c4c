-- Procedure photos (docs/decisions/036): before and after photos of a chart, stored through
-- the file store (this table keeps where, not the bytes), each linked to the patient's
-- signed photo consent when the procedure type requires one.

-- The consent template a type requires before photos are taken (paperwork's consent kind,
-- checked by the application); null: none required.
ALTER TABLE procedure_types ADD COLUMN photo_consent_template_id uuid;
ALTER TABLE procedure_types ADD CONSTRAINT procedure_types_photo_consent_fkey
  FOREIGN KEY (practice_id, photo_consent_template_id) REFERENCES paperwork_templates (practice_id, id);

CREATE TABLE procedure_photos (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- Orders photos added in the same instant.
  sequence bigint GENERATED ALWAYS AS IDENTITY,
  procedure_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('before', 'after')),
  caption text CHECK (length(caption) BETWEEN 1 AND 500),
  -- The stored image and thumbnail: JPEGs re-encoded without metadata; sizes in pixels and bytes.
  image_key text NOT NULL CHECK (length(image_key) BETWEEN 1 AND 500),
  image_sha256 text NOT NULL CHECK (image_sha256 ~ '^[0-9a-f]{64}$'),
  width integer NOT NULL CHECK (width BETWEEN 1 AND 100000),
  height integer NOT NULL CHECK (height BETWEEN 1 AND 100000),
  byte_size integer NOT NULL CHECK (byte_size >= 1),
  thumbnail_key text NOT NULL CHECK (length(thumbnail_key) BETWEEN 1 AND 500),
  thumbnail_width integer NOT NULL CHECK (thumbnail_width BETWEEN 1 AND 100000),
  thumbnail_height integer NOT NULL CHECK (thumbnail_height BETWEEN 1 AND 100000),
  -- The signed photo consent (a paperwork assignment) the photo was taken under.
  consent_assignment_id uuid,
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT procedure_photos_procedure_fkey FOREIGN KEY (practice_id, procedure_id) REFERENCES procedures (practice_id, id),
  CONSTRAINT procedure_photos_consent_fkey FOREIGN KEY (practice_id, consent_assignment_id)
    REFERENCES paperwork_assignments (practice_id, id),
  CONSTRAINT procedure_photos_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id)
);
CREATE INDEX procedure_photos_procedure_idx ON procedure_photos (practice_id, procedure_id, sequence);
SELECT protect_tenant_table('procedure_photos', 'SELECT, INSERT');

-- A signed chart's photos are locked like its injectables (0029): no photo is added,
-- changed or removed once the chart is signed, whoever asks. The function reads the row's
-- practice_id and procedure_id, which this table has too.
CREATE TRIGGER procedure_photos_locked_after_signing BEFORE INSERT OR UPDATE OR DELETE ON procedure_photos
  FOR EACH ROW EXECUTE FUNCTION refuse_signed_procedure_injectables_change();
