-- Prescriptions (docs/decisions/042): recorded by the staff member who prescribes, read-only
-- in the patient's portal. A prescription is never edited in place: it is discontinued with a
-- reason, who and when, and stays in the patient's history.
CREATE TABLE prescriptions (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- Orders prescriptions recorded in the same instant.
  sequence bigint GENERATED ALWAYS AS IDENTITY,
  patient_id uuid NOT NULL,
  -- The chart it was written on, when there is one.
  procedure_id uuid,
  drug text NOT NULL CHECK (length(drug) BETWEEN 1 AND 200),
  strength text NOT NULL CHECK (length(strength) BETWEEN 1 AND 100),
  directions text NOT NULL CHECK (length(directions) BETWEEN 1 AND 1000),
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 9999),
  refills smallint NOT NULL CHECK (refills BETWEEN 0 AND 12),
  -- The practice's local date it was prescribed on.
  prescribed_on date NOT NULL,
  prescriber_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  discontinued_at timestamptz,
  discontinued_by uuid,
  discontinued_reason text CHECK (length(discontinued_reason) BETWEEN 1 AND 500),
  PRIMARY KEY (practice_id, id),
  CHECK ((discontinued_at IS NULL) = (discontinued_by IS NULL) AND (discontinued_at IS NULL) = (discontinued_reason IS NULL)),
  CONSTRAINT prescriptions_patient_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CONSTRAINT prescriptions_procedure_fkey FOREIGN KEY (practice_id, procedure_id) REFERENCES procedures (practice_id, id),
  CONSTRAINT prescriptions_prescriber_fkey FOREIGN KEY (practice_id, prescriber_id) REFERENCES staff (practice_id, id),
  CONSTRAINT prescriptions_discontinued_by_fkey FOREIGN KEY (practice_id, discontinued_by) REFERENCES staff (practice_id, id)
);
CREATE INDEX prescriptions_patient_idx ON prescriptions (practice_id, patient_id, sequence);
CREATE INDEX prescriptions_procedure_idx ON prescriptions (practice_id, procedure_id) WHERE procedure_id IS NOT NULL;
SELECT protect_tenant_table('prescriptions', 'SELECT, INSERT, UPDATE');

-- The one change a prescription takes: an active one is discontinued (the three discontinued_*
-- columns set together). Anything else, and any delete, is refused for every role.
CREATE FUNCTION refuse_prescription_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.discontinued_at IS NULL AND NEW.discontinued_at IS NOT NULL
    AND (to_jsonb(NEW) - 'discontinued_at' - 'discontinued_by' - 'discontinued_reason')
      = (to_jsonb(OLD) - 'discontinued_at' - 'discontinued_by' - 'discontinued_reason') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'prescription % is never edited; discontinue it instead', OLD.id USING ERRCODE = 'object_not_in_prerequisite_state';
END
$$;
CREATE TRIGGER prescriptions_discontinue_only BEFORE UPDATE OR DELETE ON prescriptions
  FOR EACH ROW EXECUTE FUNCTION refuse_prescription_change();
