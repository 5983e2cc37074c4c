-- Medical director co-signature (docs/decisions/042): a practice may require a medical
-- director to co-sign its providers' signed charts. Who is a medical director is a flag on
-- staff; whether a chart waits for co-signature is decided when it is signed.
ALTER TABLE practices ADD COLUMN require_md_cosignature boolean NOT NULL DEFAULT false;
ALTER TABLE staff ADD COLUMN medical_director boolean NOT NULL DEFAULT false;
ALTER TABLE staff ADD CONSTRAINT staff_medical_director_clinical CHECK (NOT medical_director OR role <> 'front_desk');

ALTER TABLE procedures ADD COLUMN cosignature_required boolean NOT NULL DEFAULT false;
ALTER TABLE procedures ADD COLUMN cosigned_at timestamptz;
ALTER TABLE procedures ADD COLUMN cosigned_by uuid;
ALTER TABLE procedures ADD CONSTRAINT procedures_cosigned_by_fkey FOREIGN KEY (practice_id, cosigned_by) REFERENCES staff (practice_id, id);
ALTER TABLE procedures ADD CONSTRAINT procedures_cosignature_check CHECK (
  (cosigned_at IS NULL) = (cosigned_by IS NULL)
  AND (cosigned_at IS NULL OR (cosignature_required AND signed_at IS NOT NULL))
  AND (NOT cosignature_required OR signed_at IS NOT NULL)
);
-- The medical director's review queue: signed charts still waiting.
CREATE INDEX procedures_awaiting_cosignature_idx ON procedures (practice_id, signed_at)
  WHERE cosignature_required AND cosigned_at IS NULL;

-- 0029's lock, with one opening: a signed chart that requires co-signature may take its
-- co-signature (cosigned_at and cosigned_by, once) with every other column unchanged. The
-- rest of the row is compared whole, so a column added later stays locked without a change here.
CREATE OR REPLACE FUNCTION refuse_signed_procedure_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.signed_at IS NOT NULL THEN
    IF TG_OP = 'UPDATE' AND OLD.cosignature_required AND OLD.cosigned_at IS NULL AND NEW.cosigned_at IS NOT NULL
      AND (to_jsonb(NEW) - 'cosigned_at' - 'cosigned_by') = (to_jsonb(OLD) - 'cosigned_at' - 'cosigned_by') THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'procedure % is signed and locked; add an addendum instead', OLD.id USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
