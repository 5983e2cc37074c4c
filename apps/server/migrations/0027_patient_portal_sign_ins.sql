-- When a patient first and last opened their profile in the portal (a code, or a code and
-- their date of birth and last name, that opened a session on the profile), for the staff
-- client profile's Portal access. Sessions are deleted at sign-out and expiry, so they cannot
-- answer "has this client ever signed in"; this row keeps the answer.
CREATE TABLE patient_portal_sign_ins (
  practice_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  first_signed_in_at timestamptz NOT NULL,
  last_signed_in_at timestamptz NOT NULL CHECK (last_signed_in_at >= first_signed_in_at),
  sign_in_count integer NOT NULL CHECK (sign_in_count > 0),
  PRIMARY KEY (practice_id, patient_id),
  CONSTRAINT patient_portal_sign_ins_patient_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id)
);
SELECT protect_tenant_table('patient_portal_sign_ins', 'SELECT, INSERT, UPDATE');
