-- Sales: per-clinic billing settings and versioned cancellation policies, card evidence
-- recorded at booking, invoices with their lines, payments, refunds and history
-- (docs/decisions/007).
--
-- Money is integer minor units of the invoice's currency. Every charge and refund row
-- carries the idempotency key it was sent to the gateway with, under a unique constraint:
-- a retried request finds the row and never charges or refunds twice.

-- What a clinic charges and when: the cancellation window (hours before the start inside
-- which cancelling or rescheduling may be charged) and the sales tax rate. A clinic with
-- no row uses the defaults (24 hours, no tax).
CREATE TABLE clinic_billing_settings (
  practice_id uuid NOT NULL,
  clinic_id uuid NOT NULL,
  cancellation_window_hours integer NOT NULL DEFAULT 24 CHECK (cancellation_window_hours BETWEEN 0 AND 720),
  -- Basis points: 875 = 8.75 %.
  tax_rate_bps integer NOT NULL DEFAULT 0 CHECK (tax_rate_bps BETWEEN 0 AND 5000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (practice_id, clinic_id),
  CONSTRAINT clinic_billing_settings_clinic_fkey FOREIGN KEY (practice_id, clinic_id) REFERENCES clinics (practice_id, id),
  CONSTRAINT clinic_billing_settings_updated_by_fkey FOREIGN KEY (practice_id, updated_by) REFERENCES staff (practice_id, id)
);
SELECT protect_tenant_table('clinic_billing_settings', 'SELECT, INSERT, UPDATE');

-- The cancellation policy shown to the patient when a card is taken at booking. Append-only:
-- every change of the text or the window is a new version, and a booking names the version
-- it showed. The highest version of a clinic is its current policy.
CREATE TABLE cancellation_policy_versions (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  window_hours integer NOT NULL CHECK (window_hours BETWEEN 0 AND 720),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- NULL for the default version Glowdesk writes on first use.
  created_by uuid,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT cancellation_policy_versions_version_key UNIQUE (practice_id, clinic_id, version),
  CONSTRAINT cancellation_policy_versions_clinic_fkey FOREIGN KEY (practice_id, clinic_id) REFERENCES clinics (practice_id, id),
  CONSTRAINT cancellation_policy_versions_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id)
);
SELECT protect_tenant_table('cancellation_policy_versions', 'SELECT, INSERT');

-- Practice-wide sales settings: whether the front desk may refund (owners and admins always may).
CREATE TABLE practice_sales_settings (
  practice_id uuid PRIMARY KEY REFERENCES practices (id),
  front_desk_may_refund boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT practice_sales_settings_updated_by_fkey FOREIGN KEY (practice_id, updated_by) REFERENCES staff (practice_id, id)
);
SELECT protect_tenant_table('practice_sales_settings', 'SELECT, INSERT, UPDATE');

-- The evidence a clinic needs when a fee is disputed: which card was entered or re-confirmed
-- for this booking, the cancellation policy shown, when, by whom and from where.
-- Append-only; the newest row of an appointment is the one in force.
CREATE TABLE booking_card_authorizations (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  appointment_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  payment_method_id uuid NOT NULL,
  card_brand text NOT NULL CHECK (length(card_brand) <= 20),
  card_last4 text NOT NULL CHECK (card_last4 ~ '^[0-9]{4}$'),
  policy_version_id uuid NOT NULL,
  policy_version integer NOT NULL,
  -- The window of the policy shown: fees are judged by what the patient agreed to.
  cancellation_window_hours integer NOT NULL CHECK (cancellation_window_hours BETWEEN 0 AND 720),
  authorized_at timestamptz NOT NULL DEFAULT now(),
  authorized_by uuid NOT NULL,
  client_ip text CHECK (length(client_ip) <= 100),
  user_agent text CHECK (length(user_agent) <= 300),
  PRIMARY KEY (practice_id, id),
  CONSTRAINT booking_card_authorizations_appointment_fkey FOREIGN KEY (practice_id, appointment_id) REFERENCES appointments (practice_id, id),
  CONSTRAINT booking_card_authorizations_patient_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CONSTRAINT booking_card_authorizations_payment_method_fkey FOREIGN KEY (practice_id, payment_method_id) REFERENCES payment_methods (practice_id, id),
  CONSTRAINT booking_card_authorizations_policy_fkey FOREIGN KEY (practice_id, policy_version_id) REFERENCES cancellation_policy_versions (practice_id, id),
  CONSTRAINT booking_card_authorizations_authorized_by_fkey FOREIGN KEY (practice_id, authorized_by) REFERENCES staff (practice_id, id)
);
CREATE INDEX booking_card_authorizations_appointment_idx ON booking_card_authorizations (practice_id, appointment_id, authorized_at DESC);
SELECT protect_tenant_table('booking_card_authorizations', 'SELECT, INSERT');

-- Idempotency-Key of appointment actions that may move money (cancel, no-show, reschedule,
-- checkout): a retried request with the same key replays instead of acting again.
CREATE TABLE appointment_request_keys (
  practice_id uuid NOT NULL,
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  action text NOT NULL CHECK (action IN ('cancel', 'no_show', 'reschedule', 'checkout')),
  appointment_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, idempotency_key),
  CONSTRAINT appointment_request_keys_appointment_fkey FOREIGN KEY (practice_id, appointment_id) REFERENCES appointments (practice_id, id)
);
SELECT protect_tenant_table('appointment_request_keys', 'SELECT, INSERT');

-- The last invoice number of each practice. Taken with UPDATE … RETURNING in the invoice's
-- own transaction, so numbers are sequential and gap-free: a rolled-back invoice gives its
-- number back.
CREATE TABLE invoice_counters (
  practice_id uuid PRIMARY KEY REFERENCES practices (id),
  last_number integer NOT NULL CHECK (last_number >= 1)
);
SELECT protect_tenant_table('invoice_counters', 'SELECT, INSERT, UPDATE');

CREATE TABLE invoices (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  number integer NOT NULL CHECK (number >= 1),
  kind text NOT NULL CHECK (kind IN ('service', 'cancellation_fee', 'no_show_fee', 'product')),
  status text NOT NULL CHECK (status IN ('unpaid', 'paid', 'partially_refunded', 'refunded', 'void')),
  patient_id uuid NOT NULL,
  clinic_id uuid NOT NULL,
  appointment_id uuid,
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  subtotal_cents integer NOT NULL CHECK (subtotal_cents >= 0),
  discount_cents integer NOT NULL DEFAULT 0 CHECK (discount_cents BETWEEN 0 AND subtotal_cents),
  tax_cents integer NOT NULL DEFAULT 0 CHECK (tax_cents >= 0),
  total_cents integer NOT NULL CHECK (total_cents = subtotal_cents - discount_cents + tax_cents),
  amount_paid_cents integer NOT NULL DEFAULT 0 CHECK (amount_paid_cents BETWEEN 0 AND total_cents),
  amount_refunded_cents integer NOT NULL DEFAULT 0 CHECK (amount_refunded_cents BETWEEN 0 AND amount_paid_cents),
  tax_rate_bps integer NOT NULL DEFAULT 0 CHECK (tax_rate_bps BETWEEN 0 AND 5000),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL,
  paid_at timestamptz,
  voided_at timestamptz,
  voided_by uuid,
  void_reason text CHECK (length(void_reason) <= 500),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT invoices_number_key UNIQUE (practice_id, number),
  -- The status always follows from the amounts; the service computes it the same way.
  CONSTRAINT invoices_status_follows_amounts CHECK (status = CASE
    WHEN voided_at IS NOT NULL THEN 'void'
    WHEN amount_refunded_cents > 0 AND amount_refunded_cents = amount_paid_cents THEN 'refunded'
    WHEN amount_refunded_cents > 0 THEN 'partially_refunded'
    WHEN amount_paid_cents >= total_cents THEN 'paid'
    ELSE 'unpaid' END),
  CHECK (voided_at IS NULL OR amount_paid_cents = 0),
  CHECK ((voided_at IS NULL) = (voided_by IS NULL)),
  CHECK (kind = 'product' OR appointment_id IS NOT NULL),
  CONSTRAINT invoices_patient_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CONSTRAINT invoices_clinic_fkey FOREIGN KEY (practice_id, clinic_id) REFERENCES clinics (practice_id, id),
  CONSTRAINT invoices_appointment_fkey FOREIGN KEY (practice_id, appointment_id) REFERENCES appointments (practice_id, id),
  CONSTRAINT invoices_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id),
  CONSTRAINT invoices_voided_by_fkey FOREIGN KEY (practice_id, voided_by) REFERENCES staff (practice_id, id)
);
-- At most one fee invoice of each kind per appointment, voided or not: a retried or
-- double-clicked fee finds the first invoice and charges nothing more.
CREATE UNIQUE INDEX invoices_one_fee_per_appointment ON invoices (practice_id, appointment_id, kind)
  WHERE kind IN ('cancellation_fee', 'no_show_fee');
-- One live checkout invoice per appointment (void it to check out again).
CREATE UNIQUE INDEX invoices_one_checkout_per_appointment ON invoices (practice_id, appointment_id)
  WHERE kind = 'service' AND voided_at IS NULL;
CREATE INDEX invoices_created_idx ON invoices (practice_id, created_at DESC, id DESC);
CREATE INDEX invoices_patient_idx ON invoices (practice_id, patient_id, created_at DESC);
CREATE INDEX invoices_appointment_idx ON invoices (practice_id, appointment_id) WHERE appointment_id IS NOT NULL;
SELECT protect_tenant_table('invoices', 'SELECT, INSERT, UPDATE');

-- What an invoice bills, in order. Written once with the invoice. A discount line is
-- negative; every other line is zero or more.
CREATE TABLE invoice_lines (
  practice_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position >= 1),
  kind text NOT NULL CHECK (kind IN ('service', 'product', 'fee', 'discount', 'tax')),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 300),
  service_id uuid,
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
  unit_amount_cents integer NOT NULL,
  total_cents integer NOT NULL CHECK (total_cents = quantity * unit_amount_cents),
  PRIMARY KEY (practice_id, invoice_id, position),
  CHECK (CASE WHEN kind = 'discount' THEN unit_amount_cents < 0 ELSE unit_amount_cents >= 0 END),
  CONSTRAINT invoice_lines_invoice_fkey FOREIGN KEY (practice_id, invoice_id) REFERENCES invoices (practice_id, id),
  CONSTRAINT invoice_lines_service_fkey FOREIGN KEY (practice_id, service_id) REFERENCES services (practice_id, id)
);
SELECT protect_tenant_table('invoice_lines', 'SELECT, INSERT');

-- Payments and payment attempts. A card attempt is written `pending` with its idempotency
-- key before the gateway is called, and settled after; cash is settled at once.
CREATE TABLE invoice_payments (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  invoice_id uuid NOT NULL,
  -- The invoice's nth payment attempt.
  attempt integer NOT NULL CHECK (attempt >= 1),
  method text NOT NULL CHECK (method IN ('card_on_file', 'new_card', 'cash')),
  payment_method_id uuid,
  card_brand text CHECK (length(card_brand) <= 20),
  card_last4 text CHECK (card_last4 ~ '^[0-9]{4}$'),
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  -- Sent to the gateway (prefixed there with the practice id): fee:<invoice>:attempt-<n>.
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  -- The client's Idempotency-Key header, when it sent one.
  request_key text CHECK (length(request_key) BETWEEN 1 AND 200),
  gateway text CHECK (gateway IN ('simulated', 'stripe')),
  gateway_charge_id text CHECK (length(gateway_charge_id) <= 255),
  failure_code text CHECK (length(failure_code) <= 100),
  failure_message text CHECK (length(failure_message) <= 1000),
  amount_tendered_cents integer CHECK (amount_tendered_cents >= amount_cents),
  change_due_cents integer CHECK (change_due_cents >= 0),
  -- While a request is talking to the gateway about this attempt, no other request drives it.
  in_flight_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  settled_at timestamptz,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT invoice_payments_idempotency_key UNIQUE (practice_id, idempotency_key),
  CONSTRAINT invoice_payments_request_key UNIQUE (practice_id, request_key),
  CONSTRAINT invoice_payments_attempt_key UNIQUE (practice_id, invoice_id, attempt),
  CHECK ((method = 'cash') = (payment_method_id IS NULL)),
  CHECK (method <> 'cash' OR (status = 'succeeded' AND gateway IS NULL)),
  CHECK (method = 'cash' OR (amount_tendered_cents IS NULL AND change_due_cents IS NULL)),
  CHECK (NOT (method <> 'cash' AND status = 'succeeded' AND gateway_charge_id IS NULL)),
  CHECK ((status = 'pending') = (settled_at IS NULL)),
  CONSTRAINT invoice_payments_invoice_fkey FOREIGN KEY (practice_id, invoice_id) REFERENCES invoices (practice_id, id),
  CONSTRAINT invoice_payments_payment_method_fkey FOREIGN KEY (practice_id, payment_method_id) REFERENCES payment_methods (practice_id, id),
  CONSTRAINT invoice_payments_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id)
);
-- One card attempt in flight per invoice: a second must wait for the first's outcome.
CREATE UNIQUE INDEX invoice_payments_one_pending ON invoice_payments (practice_id, invoice_id) WHERE status = 'pending';
CREATE INDEX invoice_payments_invoice_idx ON invoice_payments (practice_id, invoice_id, attempt);
SELECT protect_tenant_table('invoice_payments', 'SELECT, INSERT, UPDATE');

-- Refunds of one payment each. A card refund is written `pending` with its idempotency key
-- before the gateway is called; `processing` is accepted by the gateway but not settled.
CREATE TABLE invoice_refunds (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  invoice_id uuid NOT NULL,
  payment_id uuid NOT NULL,
  method text NOT NULL CHECK (method IN ('card', 'cash')),
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  status text NOT NULL CHECK (status IN ('pending', 'processing', 'succeeded', 'failed')),
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  request_key text CHECK (length(request_key) BETWEEN 1 AND 200),
  gateway_refund_id text CHECK (length(gateway_refund_id) <= 255),
  failure_code text CHECK (length(failure_code) <= 100),
  failure_message text CHECK (length(failure_message) <= 1000),
  in_flight_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  settled_at timestamptz,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT invoice_refunds_idempotency_key UNIQUE (practice_id, idempotency_key),
  CONSTRAINT invoice_refunds_request_key UNIQUE (practice_id, request_key),
  CHECK (method = 'card' OR (status = 'succeeded' AND gateway_refund_id IS NULL)),
  CONSTRAINT invoice_refunds_invoice_fkey FOREIGN KEY (practice_id, invoice_id) REFERENCES invoices (practice_id, id),
  CONSTRAINT invoice_refunds_payment_fkey FOREIGN KEY (practice_id, payment_id) REFERENCES invoice_payments (practice_id, id),
  CONSTRAINT invoice_refunds_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id)
);
CREATE INDEX invoice_refunds_invoice_idx ON invoice_refunds (practice_id, invoice_id, created_at);
SELECT protect_tenant_table('invoice_refunds', 'SELECT, INSERT, UPDATE');

-- Append-only history of each invoice: who did what and when.
CREATE TABLE invoice_events (
  practice_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  invoice_id uuid NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_staff_id uuid,
  -- Who acted when no staff member did (a gateway webhook).
  actor_label text CHECK (length(actor_label) <= 100),
  type text NOT NULL CHECK (length(type) <= 60),
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT invoice_events_invoice_fkey FOREIGN KEY (practice_id, invoice_id) REFERENCES invoices (practice_id, id),
  CONSTRAINT invoice_events_actor_fkey FOREIGN KEY (practice_id, actor_staff_id) REFERENCES staff (practice_id, id)
);
CREATE INDEX invoice_events_invoice_idx ON invoice_events (practice_id, invoice_id, id);
SELECT protect_tenant_table('invoice_events', 'SELECT, INSERT');
