-- The appointment book: appointments and out-of-office blocks, the time they claim, and
-- their append-only history.
--
-- No double booking is enforced here, not in application code: a booking claims its
-- provider's time (including buffers) and each resource unit's time in claim tables under
-- EXCLUDE constraints. Two transactions racing for the same time cannot both commit.

CREATE TABLE appointments (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('appointment', 'out_of_office')),
  mode text CHECK (mode IN ('in_person', 'virtual')),
  clinic_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  patient_id uuid,
  package_id uuid,
  title text CHECK (length(title) <= 200),
  -- The patient's visit: first service start to last service end (buffers excluded).
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'booked'
    CHECK (status IN ('booked', 'confirmed', 'checked_in', 'in_procedure', 'completed', 'cancelled', 'no_show')),
  notes text CHECK (length(notes) <= 5000),
  virtual_room_url text,
  allow_double_booking boolean NOT NULL DEFAULT false,
  require_card_on_file boolean NOT NULL DEFAULT false,
  cancellation_reason text CHECK (length(cancellation_reason) <= 1000),
  cancelled_at timestamptz,
  no_show_marked_at timestamptz,
  no_show_fee_requested boolean,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  idempotency_key text CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  PRIMARY KEY (practice_id, id),
  CHECK (ends_at > starts_at),
  CHECK ((kind = 'appointment') = (patient_id IS NOT NULL)),
  CHECK ((kind = 'appointment') = (mode IS NOT NULL)),
  CONSTRAINT appointments_clinic_fkey FOREIGN KEY (practice_id, clinic_id) REFERENCES clinics (practice_id, id),
  CONSTRAINT appointments_provider_fkey FOREIGN KEY (practice_id, provider_id) REFERENCES providers (practice_id, id),
  CONSTRAINT appointments_patient_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CONSTRAINT appointments_package_fkey FOREIGN KEY (practice_id, package_id) REFERENCES service_packages (practice_id, id),
  CONSTRAINT appointments_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id),
  CONSTRAINT appointments_idempotency_key UNIQUE (practice_id, idempotency_key)
);
CREATE INDEX appointments_clinic_time_idx ON appointments (practice_id, clinic_id, starts_at);
CREATE INDEX appointments_provider_time_idx ON appointments (practice_id, provider_id, starts_at);
CREATE INDEX appointments_patient_idx ON appointments (practice_id, patient_id, starts_at);
CREATE INDEX appointments_no_show_idx ON appointments (practice_id, starts_at) WHERE status = 'no_show';
SELECT protect_tenant_table('appointments', 'SELECT, INSERT, UPDATE');

-- The services of an appointment, back to back in order.
CREATE TABLE appointment_services (
  practice_id uuid NOT NULL,
  appointment_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position >= 1),
  service_id uuid NOT NULL,
  -- As booked: later renames and price changes do not rewrite history.
  service_name text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents >= 0),
  currency char(3) NOT NULL,
  PRIMARY KEY (practice_id, appointment_id, position),
  CHECK (ends_at > starts_at),
  CONSTRAINT appointment_services_appointment_fkey FOREIGN KEY (practice_id, appointment_id) REFERENCES appointments (practice_id, id) ON DELETE CASCADE,
  CONSTRAINT appointment_services_service_fkey FOREIGN KEY (practice_id, service_id) REFERENCES services (practice_id, id)
);
CREATE INDEX appointment_services_service_idx ON appointment_services (practice_id, service_id);
SELECT protect_tenant_table('appointment_services', 'SELECT, INSERT, DELETE');

-- Provider time held by a live (not cancelled, not no-show) appointment, buffers included.
-- A claim made with "Allow double booking" is not exclusive: it may overlap others, and
-- later exclusive claims are checked only against exclusive ones.
CREATE TABLE provider_claims (
  practice_id uuid NOT NULL,
  appointment_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  period tstzrange NOT NULL CHECK (NOT isempty(period)),
  exclusive boolean NOT NULL,
  PRIMARY KEY (practice_id, appointment_id),
  CONSTRAINT provider_claims_appointment_fkey FOREIGN KEY (practice_id, appointment_id) REFERENCES appointments (practice_id, id) ON DELETE CASCADE,
  CONSTRAINT provider_claims_provider_fkey FOREIGN KEY (practice_id, provider_id) REFERENCES providers (practice_id, id),
  CONSTRAINT provider_claims_no_overlap EXCLUDE USING gist (practice_id WITH =, provider_id WITH =, period WITH &&) WHERE (exclusive)
);
CREATE INDEX provider_claims_period_idx ON provider_claims USING gist (practice_id, provider_id, period);
SELECT protect_tenant_table('provider_claims', 'SELECT, INSERT, DELETE');

-- One unit of a room or device held during one service of a live appointment. A resource
-- of quantity N has units 1..N; each unit is never claimed twice at once, and no override
-- exists: equipment and rooms are never overbooked.
CREATE TABLE resource_claims (
  practice_id uuid NOT NULL,
  appointment_id uuid NOT NULL,
  position smallint NOT NULL,
  resource_id uuid NOT NULL,
  unit smallint NOT NULL CHECK (unit >= 1),
  period tstzrange NOT NULL CHECK (NOT isempty(period)),
  PRIMARY KEY (practice_id, appointment_id, position, resource_id),
  CONSTRAINT resource_claims_appointment_fkey FOREIGN KEY (practice_id, appointment_id) REFERENCES appointments (practice_id, id) ON DELETE CASCADE,
  CONSTRAINT resource_claims_resource_fkey FOREIGN KEY (practice_id, resource_id) REFERENCES resources (practice_id, id),
  CONSTRAINT resource_claims_no_overlap EXCLUDE USING gist (practice_id WITH =, resource_id WITH =, unit WITH =, period WITH &&)
);
SELECT protect_tenant_table('resource_claims', 'SELECT, INSERT, DELETE');

-- Append-only history: who changed what and when, with the state before and after.
CREATE TABLE appointment_events (
  practice_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  appointment_id uuid NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_staff_id uuid,
  type text NOT NULL CHECK (length(type) <= 60),
  before jsonb,
  after jsonb,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT appointment_events_appointment_fkey FOREIGN KEY (practice_id, appointment_id) REFERENCES appointments (practice_id, id),
  CONSTRAINT appointment_events_actor_fkey FOREIGN KEY (practice_id, actor_staff_id) REFERENCES staff (practice_id, id)
);
CREATE INDEX appointment_events_appointment_idx ON appointment_events (practice_id, appointment_id, id);
SELECT protect_tenant_table('appointment_events', 'SELECT, INSERT');
