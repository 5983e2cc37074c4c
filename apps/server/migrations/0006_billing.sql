-- Billing foundation: patients' gateway customers and cards on file, processed webhook
-- events, and the simulated payment gateway's own store (docs/decisions/006).
--
-- Glowdesk never holds a card number: a card on file is the gateway's customer and
-- payment-method ids plus brand, last 4 and expiry.

-- The gateway customer that holds a patient's cards (one per patient and gateway).
CREATE TABLE billing_customers (
  practice_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  gateway text NOT NULL CHECK (gateway IN ('simulated', 'stripe')),
  gateway_customer_id text NOT NULL CHECK (length(gateway_customer_id) BETWEEN 1 AND 255),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, patient_id, gateway),
  CONSTRAINT billing_customers_patient_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CONSTRAINT billing_customers_gateway_customer_key UNIQUE (practice_id, gateway, gateway_customer_id)
);
SELECT protect_tenant_table('billing_customers', 'SELECT, INSERT');

-- Cards on file. Removing a card detaches it at the gateway and keeps the row (removed_at):
-- bookings and payments that used it still name it.
CREATE TABLE payment_methods (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL,
  gateway text NOT NULL CHECK (gateway IN ('simulated', 'stripe')),
  gateway_customer_id text NOT NULL CHECK (length(gateway_customer_id) BETWEEN 1 AND 255),
  gateway_payment_method_id text NOT NULL CHECK (length(gateway_payment_method_id) BETWEEN 1 AND 255),
  brand text NOT NULL CHECK (brand IN ('visa', 'mastercard', 'amex', 'discover', 'diners', 'jcb', 'unionpay', 'unknown')),
  last4 text NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
  exp_month smallint NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
  exp_year smallint NOT NULL CHECK (exp_year BETWEEN 2000 AND 2200),
  -- The gateway's hash identifying the card number across payment methods, when it gives one.
  fingerprint text CHECK (length(fingerprint) <= 255),
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL,
  removed_at timestamptz,
  removed_by uuid,
  PRIMARY KEY (practice_id, id),
  CHECK (NOT (is_default AND removed_at IS NOT NULL)),
  CHECK ((removed_at IS NULL) = (removed_by IS NULL)),
  CONSTRAINT payment_methods_patient_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CONSTRAINT payment_methods_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id),
  CONSTRAINT payment_methods_removed_by_fkey FOREIGN KEY (practice_id, removed_by) REFERENCES staff (practice_id, id),
  CONSTRAINT payment_methods_gateway_payment_method_key UNIQUE (practice_id, gateway, gateway_payment_method_id)
);
CREATE INDEX payment_methods_patient_idx ON payment_methods (practice_id, patient_id, created_at DESC) WHERE removed_at IS NULL;
-- At most one default card per patient.
CREATE UNIQUE INDEX payment_methods_one_default_key ON payment_methods (practice_id, patient_id) WHERE is_default;
SELECT protect_tenant_table('payment_methods', 'SELECT, INSERT, UPDATE');

-- Gateway webhook events already handled, so a replayed delivery changes nothing.
-- A platform table, not a tenant one: an event arrives before any practice is known (the
-- signature, not a session, authenticates it) and event ids are unique per gateway
-- account. practice_id is what the event's metadata named, for tracing only.
-- Only the owning role reads or writes it; glowdesk_app has no grant.
CREATE TABLE webhook_events (
  gateway text NOT NULL CHECK (gateway IN ('simulated', 'stripe')),
  event_id text NOT NULL CHECK (length(event_id) BETWEEN 1 AND 255),
  event_type text NOT NULL CHECK (length(event_type) <= 100),
  practice_id uuid,
  object_id text CHECK (length(object_id) <= 255),
  received_at timestamptz NOT NULL DEFAULT now(),
  -- A delivery being handled holds the event until then; a crashed one lets go when it passes.
  claimed_until timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  processed_at timestamptz,
  PRIMARY KEY (gateway, event_id)
);
ALTER TABLE webhook_events ENABLE ROW LEVEL SECURITY;

-- The simulated gateway's own store: a stand-in for the payment processor, in its own
-- schema owned by the connecting role. glowdesk_app (every request) has no USAGE on it,
-- so Glowdesk's queries cannot read it. Like a real processor it keeps brand, last 4,
-- expiry and what the test card does, never the card number.
CREATE SCHEMA simulated_gateway;
REVOKE ALL ON SCHEMA simulated_gateway FROM PUBLIC;

CREATE TABLE simulated_gateway.customers (
  id text PRIMARY KEY,
  name text,
  email text,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- How a test card behaves when charged off-session.
CREATE TABLE simulated_gateway.payment_methods (
  id text PRIMARY KEY,
  customer_id text REFERENCES simulated_gateway.customers (id),
  brand text NOT NULL,
  last4 text NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
  exp_month smallint NOT NULL,
  exp_year smallint NOT NULL,
  charge_outcome text NOT NULL CHECK (charge_outcome IN ('succeed', 'decline', 'require_authentication')),
  decline_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  detached_at timestamptz
);

-- Single-use tokens from the card form; attaching one creates a payment method.
CREATE TABLE simulated_gateway.tokens (
  id text PRIMARY KEY,
  brand text NOT NULL,
  last4 text NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
  exp_month smallint NOT NULL,
  exp_year smallint NOT NULL,
  charge_outcome text NOT NULL CHECK (charge_outcome IN ('succeed', 'decline', 'require_authentication')),
  decline_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  payment_method_id text REFERENCES simulated_gateway.payment_methods (id),
  customer_id text REFERENCES simulated_gateway.customers (id)
);

CREATE TABLE simulated_gateway.setup_intents (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES simulated_gateway.customers (id),
  client_secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE simulated_gateway.payment_intents (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES simulated_gateway.customers (id),
  payment_method_id text NOT NULL REFERENCES simulated_gateway.payment_methods (id),
  amount bigint NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  status text NOT NULL CHECK (status IN ('succeeded', 'requires_payment_method')),
  decline_code text,
  description text,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  amount_refunded bigint NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0 AND amount_refunded <= amount),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE simulated_gateway.refunds (
  id text PRIMARY KEY,
  payment_intent_id text NOT NULL REFERENCES simulated_gateway.payment_intents (id),
  amount bigint NOT NULL CHECK (amount > 0),
  status text NOT NULL CHECK (status IN ('succeeded')),
  reason text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Same key, same request → the stored response; same key, other request → refused.
CREATE TABLE simulated_gateway.idempotency_keys (
  operation text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  -- NULL while the request that claimed the key is still running (in the same transaction).
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (operation, key)
);
