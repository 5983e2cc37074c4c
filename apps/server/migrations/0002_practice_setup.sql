-- Practice setup: clinics, their rooms and equipment, services and packages, providers
-- and their working hours. Every table is a tenant table: practice_id leads every key,
-- and every foreign key includes it, so no row can point into another practice.
--
-- Deleting: rows a booking could reference (clinics, resources, services, packages,
-- providers) are deactivated, not deleted. Their foreign keys RESTRICT by default, so a
-- delete that would orphan anything fails with 23503 and the API answers 409. Only rows a
-- parent owns outright (join rows, package items, a provider's schedule) CASCADE.

CREATE TABLE clinics (
  practice_id uuid NOT NULL REFERENCES practices (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  address_line1 text CHECK (length(address_line1) <= 200),
  address_line2 text CHECK (length(address_line2) <= 200),
  city text CHECK (length(city) <= 120),
  region text CHECK (length(region) <= 120),
  postal_code text CHECK (length(postal_code) <= 20),
  country char(2) CHECK (country ~ '^[A-Z]{2}$'),
  phone text CHECK (length(phone) <= 40),
  -- IANA zone; validated by the API (the database has no list it could check against).
  timezone text NOT NULL CHECK (length(timezone) BETWEEN 1 AND 64),
  notification_email text CHECK (length(notification_email) <= 254),
  sms_notification_phone text CHECK (sms_notification_phone ~ '^\+[1-9][0-9]{6,14}$'),
  -- Availability settings: where slot starts sit, how soon and how far ahead they are offered.
  slot_step_minutes integer NOT NULL DEFAULT 15 CHECK (slot_step_minutes BETWEEN 5 AND 240),
  minimum_notice_minutes integer NOT NULL DEFAULT 0 CHECK (minimum_notice_minutes BETWEEN 0 AND 43200),
  booking_horizon_days integer NOT NULL DEFAULT 365 CHECK (booking_horizon_days BETWEEN 1 AND 730),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (practice_id, id)
);
CREATE UNIQUE INDEX clinics_name_key ON clinics (practice_id, lower(name));
SELECT protect_tenant_table('clinics');

-- Rooms and equipment. Identical units are one row with a quantity (three treatment rooms
-- any service may use = quantity 3); a resource never moves to another clinic.
CREATE TABLE resources (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('room', 'equipment')),
  quantity integer NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 100),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (practice_id, id),
  -- Lets service_resources carry the clinic and check it against service_clinics.
  UNIQUE (practice_id, id, clinic_id),
  CONSTRAINT resources_clinic_fkey FOREIGN KEY (practice_id, clinic_id) REFERENCES clinics (practice_id, id)
);
CREATE UNIQUE INDEX resources_name_key ON resources (practice_id, clinic_id, lower(name));
SELECT protect_tenant_table('resources');

CREATE TABLE services (
  practice_id uuid NOT NULL REFERENCES practices (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  category text CHECK (length(category) BETWEEN 1 AND 100),
  description text CHECK (length(description) <= 2000),
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 720),
  buffer_before_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_before_minutes BETWEEN 0 AND 240),
  buffer_after_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_after_minutes BETWEEN 0 AND 240),
  -- Money in minor units of currency.
  price_cents integer NOT NULL CHECK (price_cents BETWEEN 0 AND 100000000),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  cancellation_fee_cents integer NOT NULL DEFAULT 0 CHECK (cancellation_fee_cents BETWEEN 0 AND 100000000),
  no_show_fee_cents integer NOT NULL DEFAULT 0 CHECK (no_show_fee_cents BETWEEN 0 AND 100000000),
  mode text NOT NULL DEFAULT 'in_person' CHECK (mode IN ('in_person', 'virtual', 'both')),
  bookable_online boolean NOT NULL DEFAULT true,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (practice_id, id)
);
CREATE UNIQUE INDEX services_name_key ON services (practice_id, lower(name));
SELECT protect_tenant_table('services');

-- The clinics that offer a service.
CREATE TABLE service_clinics (
  practice_id uuid NOT NULL,
  service_id uuid NOT NULL,
  clinic_id uuid NOT NULL,
  PRIMARY KEY (practice_id, service_id, clinic_id),
  CONSTRAINT service_clinics_service_fkey FOREIGN KEY (practice_id, service_id) REFERENCES services (practice_id, id) ON DELETE CASCADE,
  CONSTRAINT service_clinics_clinic_fkey FOREIGN KEY (practice_id, clinic_id) REFERENCES clinics (practice_id, id)
);
CREATE INDEX service_clinics_clinic_idx ON service_clinics (practice_id, clinic_id);
SELECT protect_tenant_table('service_clinics');

-- The resources a service needs, one unit each, at the clinic the resource belongs to. The
-- foreign key to service_clinics makes "needs a resource at a clinic that does not offer
-- the service" impossible.
CREATE TABLE service_resources (
  practice_id uuid NOT NULL,
  service_id uuid NOT NULL,
  resource_id uuid NOT NULL,
  clinic_id uuid NOT NULL,
  PRIMARY KEY (practice_id, service_id, resource_id),
  CONSTRAINT service_resources_service_fkey FOREIGN KEY (practice_id, service_id) REFERENCES services (practice_id, id) ON DELETE CASCADE,
  CONSTRAINT service_resources_resource_fkey FOREIGN KEY (practice_id, resource_id, clinic_id) REFERENCES resources (practice_id, id, clinic_id),
  CONSTRAINT service_resources_offered_fkey FOREIGN KEY (practice_id, service_id, clinic_id) REFERENCES service_clinics (practice_id, service_id, clinic_id) ON DELETE CASCADE
);
CREATE INDEX service_resources_resource_idx ON service_resources (practice_id, resource_id);
SELECT protect_tenant_table('service_resources');

-- An ordered list of services booked back to back, sold at its own price.
CREATE TABLE service_packages (
  practice_id uuid NOT NULL REFERENCES practices (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text CHECK (length(description) <= 2000),
  price_cents integer NOT NULL CHECK (price_cents BETWEEN 0 AND 100000000),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (practice_id, id)
);
CREATE UNIQUE INDEX service_packages_name_key ON service_packages (practice_id, lower(name));
SELECT protect_tenant_table('service_packages');

CREATE TABLE service_package_items (
  practice_id uuid NOT NULL,
  package_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position BETWEEN 0 AND 99),
  service_id uuid NOT NULL,
  PRIMARY KEY (practice_id, package_id, position),
  CONSTRAINT service_package_items_package_fkey FOREIGN KEY (practice_id, package_id) REFERENCES service_packages (practice_id, id) ON DELETE CASCADE,
  CONSTRAINT service_package_items_service_fkey FOREIGN KEY (practice_id, service_id) REFERENCES services (practice_id, id)
);
CREATE INDEX service_package_items_service_idx ON service_package_items (practice_id, service_id);
SELECT protect_tenant_table('service_package_items');

-- A staff member made bookable.
CREATE TABLE providers (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL,
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  title text CHECK (length(title) <= 80),
  color char(7) NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$'),
  virtual_room_url text CHECK (virtual_room_url ~ '^https://' AND length(virtual_room_url) <= 500),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT providers_staff_key UNIQUE (practice_id, staff_id),
  CONSTRAINT providers_staff_fkey FOREIGN KEY (practice_id, staff_id) REFERENCES staff (practice_id, id)
);
SELECT protect_tenant_table('providers');

CREATE TABLE provider_clinics (
  practice_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  clinic_id uuid NOT NULL,
  PRIMARY KEY (practice_id, provider_id, clinic_id),
  CONSTRAINT provider_clinics_provider_fkey FOREIGN KEY (practice_id, provider_id) REFERENCES providers (practice_id, id) ON DELETE CASCADE,
  CONSTRAINT provider_clinics_clinic_fkey FOREIGN KEY (practice_id, clinic_id) REFERENCES clinics (practice_id, id)
);
CREATE INDEX provider_clinics_clinic_idx ON provider_clinics (practice_id, clinic_id);
SELECT protect_tenant_table('provider_clinics');

-- The one source of truth for "who performs what": providers' serviceIds and services'
-- providerIds are two views of these rows.
CREATE TABLE provider_services (
  practice_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  service_id uuid NOT NULL,
  PRIMARY KEY (practice_id, provider_id, service_id),
  CONSTRAINT provider_services_provider_fkey FOREIGN KEY (practice_id, provider_id) REFERENCES providers (practice_id, id) ON DELETE CASCADE,
  CONSTRAINT provider_services_service_fkey FOREIGN KEY (practice_id, service_id) REFERENCES services (practice_id, id) ON DELETE CASCADE
);
CREATE INDEX provider_services_service_idx ON provider_services (practice_id, service_id);
SELECT protect_tenant_table('provider_services');

-- Weekly working hours at one clinic, in its local wall-clock time. A shift past midnight
-- is two rows (…–24:00 and 00:00–… on the next weekday); the engine joins touching
-- intervals. Rows may only exist where the provider works (provider_clinics): removing a
-- clinic from a provider with hours there fails until the hours are cleared.
CREATE TABLE schedule_rules (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  provider_id uuid NOT NULL,
  clinic_id uuid NOT NULL,
  -- ISO weekday: Monday = 1 … Sunday = 7.
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time time NOT NULL CHECK (start_time < '24:00'),
  end_time time NOT NULL CHECK (end_time > start_time),
  effective_from date NOT NULL,
  -- Inclusive; NULL = open-ended.
  effective_to date CHECK (effective_to >= effective_from),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, id),
  CONSTRAINT schedule_rules_provider_clinic_fkey FOREIGN KEY (practice_id, provider_id, clinic_id)
    REFERENCES provider_clinics (practice_id, provider_id, clinic_id),
  -- No two rules of a provider at a clinic overlap on a weekday while both are in force.
  CONSTRAINT schedule_rules_no_overlap EXCLUDE USING gist (
    practice_id WITH =,
    provider_id WITH =,
    clinic_id WITH =,
    weekday WITH =,
    daterange(effective_from, effective_to, '[]') WITH &&,
    tsrange(date '2000-01-01' + start_time, date '2000-01-01' + end_time) WITH &&
  )
);
CREATE INDEX schedule_rules_clinic_idx ON schedule_rules (practice_id, clinic_id, provider_id);
SELECT protect_tenant_table('schedule_rules');

-- Different hours (or a day off: no intervals) on one local date at one clinic, replacing
-- that date's weekly rules there. intervals: [{"start":"HH:MM","end":"HH:MM"}, …], checked by the API.
CREATE TABLE schedule_overrides (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  provider_id uuid NOT NULL,
  clinic_id uuid NOT NULL,
  local_date date NOT NULL,
  intervals jsonb NOT NULL CHECK (jsonb_typeof(intervals) = 'array' AND jsonb_array_length(intervals) <= 12),
  note text CHECK (length(note) <= 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, id),
  CONSTRAINT schedule_overrides_date_key UNIQUE (practice_id, provider_id, clinic_id, local_date),
  CONSTRAINT schedule_overrides_provider_clinic_fkey FOREIGN KEY (practice_id, provider_id, clinic_id)
    REFERENCES provider_clinics (practice_id, provider_id, clinic_id)
);
CREATE INDEX schedule_overrides_clinic_date_idx ON schedule_overrides (practice_id, clinic_id, local_date);
SELECT protect_tenant_table('schedule_overrides');
