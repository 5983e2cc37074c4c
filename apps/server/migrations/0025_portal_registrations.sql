-- Sign Up (New Client Registration) in the portal (docs/decisions/024). A registration waits
-- here, with its one-time code, until the code proves its phone or email; it then creates a
-- profile, opens the profile that is the same person (claim), or stays queued for the
-- practice's staff to merge when the contact belongs to a profile whose date of birth and
-- last name differ.

-- How the client heard of the practice (the registration asks; staff may edit it).
ALTER TABLE patients ADD COLUMN referral_source text CHECK (length(referral_source) <= 200);

CREATE TABLE portal_registrations (
  practice_id uuid NOT NULL REFERENCES practices (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- The contact the code went to (proved once verified_at is set).
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  -- SHA-256 (hex) of "<channel>:<address>", as portal_sign_in_codes names contacts.
  contact_hash text NOT NULL CHECK (contact_hash ~ '^[0-9a-f]{64}$'),
  contact text NOT NULL CHECK (length(contact) BETWEEN 3 AND 254),
  -- What the form said: names, phone, email, date of birth, gender, address, how they heard
  -- of us, marketing opt-in (the registration request's fields, validated).
  details jsonb NOT NULL,
  -- argon2id of the six digits; the code itself is never stored.
  code_hash text NOT NULL CHECK (length(code_hash) BETWEEN 20 AND 200),
  sent_at timestamptz NOT NULL,
  -- An unverified registration ends with its code.
  expires_at timestamptz NOT NULL CHECK (expires_at > sent_at),
  tries integer NOT NULL DEFAULT 0 CHECK (tries BETWEEN 0 AND 5),
  verified_at timestamptz,
  -- pending: waiting for its code; created / claimed: done at verify; queued: waiting for
  -- staff; merged / created_by_staff / dismissed: handled by staff.
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'created', 'claimed', 'queued', 'merged', 'created_by_staff', 'dismissed')),
  -- The profile created, claimed or merged into.
  patient_id uuid,
  handled_by uuid,
  handled_at timestamptz,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (practice_id, id),
  CHECK ((status = 'pending') = (verified_at IS NULL)),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  FOREIGN KEY (practice_id, handled_by) REFERENCES staff (practice_id, id)
);
-- One registration per contact waits for its code; a new request (Resend) replaces it.
CREATE UNIQUE INDEX portal_registrations_pending_key ON portal_registrations (practice_id, channel, contact_hash)
  WHERE status = 'pending';
-- The staff queue, oldest first.
CREATE INDEX portal_registrations_queue_idx ON portal_registrations (practice_id, created_at) WHERE status = 'queued';
-- Expired unverified registrations are removed.
CREATE INDEX portal_registrations_expiry_idx ON portal_registrations (practice_id, expires_at) WHERE status = 'pending';
SELECT protect_tenant_table('portal_registrations');
