-- Patient portal sign-in (docs/decisions/015): one-time codes, their send counters and
-- patient sessions, a realm of their own beside staff sessions.

-- The current sign-in code of each phone or email at a practice. A new code replaces the
-- previous one (Resend), so a contact has at most one code that can still be used. A row is
-- written for every request, whether or not the contact is on file, so the answer and the
-- work behind it do not tell the two apart.
CREATE TABLE portal_sign_in_codes (
  practice_id uuid NOT NULL REFERENCES practices (id),
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  -- SHA-256 (hex) of the E.164 phone or lower-case email: the table names nobody.
  contact_hash text NOT NULL CHECK (contact_hash ~ '^[0-9a-f]{64}$'),
  -- argon2id of the six digits; the code itself is never stored.
  code_hash text NOT NULL CHECK (length(code_hash) BETWEEN 20 AND 200),
  sent_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > sent_at),
  -- Every check of the code counts, taken before the code is compared.
  tries integer NOT NULL DEFAULT 0 CHECK (tries BETWEEN 0 AND 5),
  used_at timestamptz,
  PRIMARY KEY (practice_id, channel, contact_hash)
);
SELECT protect_tenant_table('portal_sign_in_codes');

-- Code requests per fixed hour, per contact ('contact:<channel>:<hash>') and per client
-- address ('ip:<address>'), counted by an upsert so parallel requests cannot slip past.
CREATE TABLE portal_code_send_counters (
  practice_id uuid NOT NULL REFERENCES practices (id),
  bucket text NOT NULL CHECK (length(bucket) BETWEEN 1 AND 200),
  window_start timestamptz NOT NULL,
  sends integer NOT NULL CHECK (sends >= 1),
  PRIMARY KEY (practice_id, bucket, window_start)
);
SELECT protect_tenant_table('portal_code_send_counters');

CREATE TABLE patient_sessions (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  practice_id uuid NOT NULL REFERENCES practices (id),
  -- NULL while several profiles share the proved contact and the patient has still to
  -- give a date of birth and last name (identify).
  patient_id uuid,
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  -- The proved phone or email, to find the profiles that share it at identify.
  contact text NOT NULL CHECK (length(contact) BETWEEN 3 AND 254),
  identify_tries integer NOT NULL DEFAULT 0 CHECK (identify_tries BETWEEN 0 AND 5),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
  ip text,
  user_agent text,
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id)
);
CREATE INDEX patient_sessions_patient_idx ON patient_sessions (practice_id, patient_id);
SELECT protect_tenant_table('patient_sessions');
