-- Patients' medical histories (docs/decisions/041): the current history of each patient, and
-- every version of it, append-only, with who saved it (a staff member, or the patient in the
-- portal) and when. A patient's own change waits for a staff member's review.

CREATE TABLE patient_medical_histories (
  practice_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  -- The latest version's number; the history's versions table holds every one of them.
  version integer NOT NULL CHECK (version >= 1),
  -- Allergies, medications, conditions, previous treatments, pregnancy and notes, as the
  -- contracts' medicalHistoryContentSchema describes them (checked by the application).
  content jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
  updated_at timestamptz NOT NULL,
  -- The version the patient saved that no staff member has reviewed yet; null: nothing to review.
  review_version integer CHECK (review_version BETWEEN 1 AND version),
  reviewed_at timestamptz,
  reviewed_by uuid,
  PRIMARY KEY (practice_id, patient_id),
  CONSTRAINT patient_medical_histories_patient_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CONSTRAINT patient_medical_histories_reviewed_by_fkey FOREIGN KEY (practice_id, reviewed_by) REFERENCES staff (practice_id, id),
  CONSTRAINT patient_medical_histories_review_pair CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL))
);
-- The EMR's list of patients whose change waits for review.
CREATE INDEX patient_medical_histories_review_idx ON patient_medical_histories (practice_id, updated_at) WHERE review_version IS NOT NULL;
SELECT protect_tenant_table('patient_medical_histories', 'SELECT, INSERT, UPDATE');

CREATE TABLE patient_medical_history_versions (
  practice_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  content jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
  changed_at timestamptz NOT NULL,
  -- Exactly one author: a staff member, or the patient signed in to the portal (a guardian
  -- changing a dependant's history is the guardian's patient id).
  changed_by_staff_id uuid,
  changed_by_patient_id uuid,
  PRIMARY KEY (practice_id, patient_id, version),
  CONSTRAINT patient_medical_history_versions_patient_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CONSTRAINT patient_medical_history_versions_staff_fkey FOREIGN KEY (practice_id, changed_by_staff_id) REFERENCES staff (practice_id, id),
  CONSTRAINT patient_medical_history_versions_author_patient_fkey FOREIGN KEY (practice_id, changed_by_patient_id)
    REFERENCES patients (practice_id, id),
  CONSTRAINT patient_medical_history_versions_one_author CHECK ((changed_by_staff_id IS NULL) <> (changed_by_patient_id IS NULL))
);
-- Append-only: the application may read and add versions, never change or remove one.
SELECT protect_tenant_table('patient_medical_history_versions', 'SELECT, INSERT');
