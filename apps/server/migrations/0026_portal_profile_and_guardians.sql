-- The portal's Profile page and guardian access (docs/decisions/025).

-- A code that proves a new phone or email before it replaces the one on a profile. One
-- pending change per profile and channel: a new code replaces the last (Resend), as sign-in
-- codes do, but in a table of its own, so a code made to change a profile's contact never
-- signs anybody in, and a sign-in code never changes a profile.
CREATE TABLE portal_contact_change_codes (
  practice_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  -- SHA-256 (hex) of the new E.164 phone or lower-case email the code was sent to.
  contact_hash text NOT NULL CHECK (contact_hash ~ '^[0-9a-f]{64}$'),
  -- argon2id of the six digits; the code itself is never stored.
  code_hash text NOT NULL CHECK (length(code_hash) BETWEEN 20 AND 200),
  sent_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > sent_at),
  tries integer NOT NULL DEFAULT 0 CHECK (tries BETWEEN 0 AND 5),
  used_at timestamptz,
  PRIMARY KEY (practice_id, patient_id, channel),
  CONSTRAINT portal_contact_change_codes_patient_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id)
);
SELECT protect_tenant_table('portal_contact_change_codes', 'SELECT, INSERT, UPDATE');

-- Staff let one client (the guardian) open another's profile (the dependant) in the portal.
-- A grant is never deleted: revoking stamps it, so the profile keeps the history of who could
-- see it, granted and revoked by whom and when.
CREATE TABLE patient_guardian_grants (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  dependant_id uuid NOT NULL,
  guardian_id uuid NOT NULL,
  granted_by_staff_id uuid NOT NULL,
  granted_at timestamptz NOT NULL,
  revoked_by_staff_id uuid,
  revoked_at timestamptz,
  PRIMARY KEY (practice_id, id),
  CHECK (dependant_id <> guardian_id),
  CHECK ((revoked_at IS NULL) = (revoked_by_staff_id IS NULL)),
  CONSTRAINT patient_guardian_grants_dependant_fkey FOREIGN KEY (practice_id, dependant_id) REFERENCES patients (practice_id, id),
  CONSTRAINT patient_guardian_grants_guardian_fkey FOREIGN KEY (practice_id, guardian_id) REFERENCES patients (practice_id, id),
  CONSTRAINT patient_guardian_grants_granted_by_fkey FOREIGN KEY (practice_id, granted_by_staff_id) REFERENCES staff (practice_id, id),
  CONSTRAINT patient_guardian_grants_revoked_by_fkey FOREIGN KEY (practice_id, revoked_by_staff_id) REFERENCES staff (practice_id, id)
);
-- At most one live grant per guardian and dependant: granting twice is refused here too.
CREATE UNIQUE INDEX patient_guardian_grants_live_key ON patient_guardian_grants (practice_id, dependant_id, guardian_id)
  WHERE revoked_at IS NULL;
-- Every portal request of a guardian checks their live grants (session resolution, profile list).
CREATE INDEX patient_guardian_grants_guardian_idx ON patient_guardian_grants (practice_id, guardian_id) WHERE revoked_at IS NULL;
SELECT protect_tenant_table('patient_guardian_grants', 'SELECT, INSERT, UPDATE');

-- The profile a portal session reads: NULL for the signed-in patient's own, or a dependant's
-- while the patient holds a live grant for it (checked on every request).
ALTER TABLE patient_sessions ADD COLUMN active_patient_id uuid;
ALTER TABLE patient_sessions
  ADD CONSTRAINT patient_sessions_active_patient_fkey FOREIGN KEY (practice_id, active_patient_id) REFERENCES patients (practice_id, id);
