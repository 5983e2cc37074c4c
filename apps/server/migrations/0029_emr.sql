-- The EMR: procedure types, procedures charted on a booking (SOAP notes, injectables taken
-- from inventory lots), sign-off that locks the chart, addenda, and lot recalls
-- (docs/decisions/027).

-- A template of the chart sections a kind of procedure needs.
CREATE TABLE procedure_types (
  practice_id uuid NOT NULL REFERENCES practices (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  sections text[] NOT NULL CHECK (cardinality(sections) BETWEEN 1 AND 2 AND sections <@ ARRAY['clinical_notes', 'injectables']::text[]),
  created_at timestamptz NOT NULL,
  created_by uuid,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT procedure_types_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id)
);
CREATE UNIQUE INDEX procedure_types_name_key ON procedure_types (practice_id, lower(name));
SELECT protect_tenant_table('procedure_types', 'SELECT, INSERT');

-- Products received in lots: units charted on a procedure are taken from the lot's stock,
-- which never goes below zero (checked and changed in one UPDATE, and by the CHECK).
CREATE TABLE inventory_lots (
  practice_id uuid NOT NULL REFERENCES practices (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  product_name text NOT NULL CHECK (length(product_name) BETWEEN 1 AND 200),
  lot_number text NOT NULL CHECK (length(lot_number) BETWEEN 1 AND 100),
  expires_on date NOT NULL,
  -- Units (the smallest amount charted: a unit of toxin, a syringe of filler).
  quantity_received integer NOT NULL CHECK (quantity_received BETWEEN 1 AND 1000000),
  quantity_on_hand integer NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL,
  PRIMARY KEY (practice_id, id),
  CHECK (quantity_on_hand BETWEEN 0 AND quantity_received),
  CONSTRAINT inventory_lots_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id)
);
CREATE UNIQUE INDEX inventory_lots_number_key ON inventory_lots (practice_id, lower(product_name), lower(lot_number));
SELECT protect_tenant_table('inventory_lots', 'SELECT, INSERT, UPDATE');

-- One procedure per booking. Once signed, the row cannot change (trigger below).
CREATE TABLE procedures (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL,
  procedure_type_id uuid NOT NULL,
  appointment_id uuid NOT NULL,
  -- SOAP: {"subjective", "objective", "assessment", "plan"}, each text.
  notes jsonb NOT NULL DEFAULT '{}'::jsonb,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by uuid NOT NULL,
  signed_at timestamptz,
  signed_by uuid,
  PRIMARY KEY (practice_id, id),
  CHECK ((signed_at IS NULL) = (signed_by IS NULL)),
  CONSTRAINT procedures_appointment_key UNIQUE (practice_id, appointment_id),
  CONSTRAINT procedures_patient_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CONSTRAINT procedures_type_fkey FOREIGN KEY (practice_id, procedure_type_id) REFERENCES procedure_types (practice_id, id),
  CONSTRAINT procedures_appointment_fkey FOREIGN KEY (practice_id, appointment_id) REFERENCES appointments (practice_id, id),
  CONSTRAINT procedures_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id),
  CONSTRAINT procedures_updated_by_fkey FOREIGN KEY (practice_id, updated_by) REFERENCES staff (practice_id, id),
  CONSTRAINT procedures_signed_by_fkey FOREIGN KEY (practice_id, signed_by) REFERENCES staff (practice_id, id)
);
CREATE INDEX procedures_patient_idx ON procedures (practice_id, patient_id);
SELECT protect_tenant_table('procedures', 'SELECT, INSERT, UPDATE');

-- Injectables charted on a procedure, each from a lot.
CREATE TABLE procedure_injectables (
  practice_id uuid NOT NULL,
  procedure_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position BETWEEN 1 AND 100),
  lot_id uuid NOT NULL,
  units integer NOT NULL CHECK (units BETWEEN 1 AND 10000),
  area text NOT NULL CHECK (length(area) BETWEEN 1 AND 100),
  PRIMARY KEY (practice_id, procedure_id, position),
  CONSTRAINT procedure_injectables_procedure_fkey FOREIGN KEY (practice_id, procedure_id) REFERENCES procedures (practice_id, id),
  CONSTRAINT procedure_injectables_lot_fkey FOREIGN KEY (practice_id, lot_id) REFERENCES inventory_lots (practice_id, id)
);
-- A recall lists every procedure that used the lot.
CREATE INDEX procedure_injectables_lot_idx ON procedure_injectables (practice_id, lot_id);
SELECT protect_tenant_table('procedure_injectables', 'SELECT, INSERT, DELETE');

-- What was written after signing: who and when. Append-only.
CREATE TABLE procedure_addenda (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- Orders addenda written in the same instant.
  sequence bigint GENERATED ALWAYS AS IDENTITY,
  procedure_id uuid NOT NULL,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT procedure_addenda_procedure_fkey FOREIGN KEY (practice_id, procedure_id) REFERENCES procedures (practice_id, id),
  CONSTRAINT procedure_addenda_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id)
);
CREATE INDEX procedure_addenda_procedure_idx ON procedure_addenda (practice_id, procedure_id, sequence);
SELECT protect_tenant_table('procedure_addenda', 'SELECT, INSERT');

-- Each recall of a lot: the message sent and how many patients it reached. Append-only.
CREATE TABLE inventory_lot_recalls (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  lot_id uuid NOT NULL,
  message text NOT NULL CHECK (length(message) BETWEEN 1 AND 1600),
  patient_count integer NOT NULL CHECK (patient_count >= 0),
  messages_queued integer NOT NULL CHECK (messages_queued BETWEEN 0 AND patient_count),
  recalled_at timestamptz NOT NULL,
  recalled_by uuid NOT NULL,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT inventory_lot_recalls_lot_fkey FOREIGN KEY (practice_id, lot_id) REFERENCES inventory_lots (practice_id, id),
  CONSTRAINT inventory_lot_recalls_recalled_by_fkey FOREIGN KEY (practice_id, recalled_by) REFERENCES staff (practice_id, id)
);
CREATE INDEX inventory_lot_recalls_lot_idx ON inventory_lot_recalls (practice_id, lot_id, recalled_at);
SELECT protect_tenant_table('inventory_lot_recalls', 'SELECT, INSERT');

-- A signed chart is locked for every role, the application's and the owner's: a change
-- after signing is an addendum.
CREATE FUNCTION refuse_signed_procedure_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.signed_at IS NOT NULL THEN
    RAISE EXCEPTION 'procedure % is signed and locked; add an addendum instead', OLD.id USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER procedures_locked_after_signing BEFORE UPDATE OR DELETE ON procedures
  FOR EACH ROW EXECUTE FUNCTION refuse_signed_procedure_change();

CREATE FUNCTION refuse_signed_procedure_injectables_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  chart_practice_id uuid;
  chart_id uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN
    chart_practice_id := OLD.practice_id;
    chart_id := OLD.procedure_id;
  ELSE
    chart_practice_id := NEW.practice_id;
    chart_id := NEW.procedure_id;
  END IF;
  IF EXISTS (SELECT 1 FROM procedures WHERE practice_id = chart_practice_id AND id = chart_id AND signed_at IS NOT NULL) THEN
    RAISE EXCEPTION 'procedure % is signed and locked; add an addendum instead', chart_id
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER procedure_injectables_locked_after_signing BEFORE INSERT OR UPDATE OR DELETE ON procedure_injectables
  FOR EACH ROW EXECUTE FUNCTION refuse_signed_procedure_injectables_change();

CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER procedure_addenda_append_only BEFORE UPDATE OR DELETE ON procedure_addenda
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
CREATE TRIGGER inventory_lot_recalls_append_only BEFORE UPDATE OR DELETE ON inventory_lot_recalls
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
