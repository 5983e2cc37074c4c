-- Patients (the Clients tab): profiles searchable by any part of name, email or phone.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE patients (
  practice_id uuid NOT NULL REFERENCES practices (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
  last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
  -- Several patients may share one email or phone (families), so neither is unique.
  email text CHECK (email = lower(email) AND length(email) <= 254),
  phone text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  date_of_birth date CHECK (date_of_birth >= DATE '1900-01-01'),
  gender text CHECK (gender IN ('female', 'male', 'non_binary', 'other', 'prefer_not_to_say')),
  address_line1 text CHECK (length(address_line1) <= 200),
  address_line2 text CHECK (length(address_line2) <= 200),
  city text CHECK (length(city) <= 100),
  region text CHECK (length(region) <= 100),
  postal_code text CHECK (length(postal_code) <= 20),
  country text CHECK (country ~ '^[A-Z]{2}$'),
  notes text CHECK (length(notes) <= 5000),
  marketing_consent boolean NOT NULL DEFAULT false,
  marketing_consent_at timestamptz,
  preferred_channel text NOT NULL DEFAULT 'email' CHECK (preferred_channel IN ('email', 'sms')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  -- One lower-case string to search: "first last email +phone phone-digits".
  search_text text GENERATED ALWAYS AS (
    lower(first_name || ' ' || last_name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(substr(phone, 2), ''))
  ) STORED,
  PRIMARY KEY (practice_id, id)
);
CREATE INDEX patients_search_trgm_idx ON patients USING gin (search_text gin_trgm_ops);
CREATE INDEX patients_name_idx ON patients (practice_id, lower(last_name), lower(first_name), id);
CREATE INDEX patients_email_idx ON patients (practice_id, email);
CREATE INDEX patients_phone_idx ON patients (practice_id, phone);
SELECT protect_tenant_table('patients', 'SELECT, INSERT, UPDATE');
