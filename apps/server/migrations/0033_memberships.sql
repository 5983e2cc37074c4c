-- Memberships: plans, coupon codes, members and their billing periods (docs/decisions/030).

-- A plan a practice sells. Prices are what new members pay; a member keeps the price they
-- enrolled at (memberships.price_cents), so editing a plan never changes an existing bill.
CREATE TABLE membership_plans (
  practice_id uuid NOT NULL REFERENCES practices (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  description text CHECK (length(description) <= 2000),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  monthly_price_cents integer CHECK (monthly_price_cents BETWEEN 1 AND 99999999),
  yearly_price_cents integer CHECK (yearly_price_cents BETWEEN 1 AND 99999999),
  sign_up_fee_cents integer NOT NULL DEFAULT 0 CHECK (sign_up_fee_cents BETWEEN 0 AND 99999999),
  minimum_term_months integer NOT NULL DEFAULT 0 CHECK (minimum_term_months BETWEEN 0 AND 120),
  sold_online boolean NOT NULL DEFAULT false,
  -- A consent template the patient must have signed before enrolling.
  agreement_template_id uuid,
  -- Tier name and colour, discounts and credits, as the plan's settings show them.
  perks jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT membership_plans_name_key UNIQUE (practice_id, name),
  CONSTRAINT membership_plans_has_price CHECK (monthly_price_cents IS NOT NULL OR yearly_price_cents IS NOT NULL),
  CONSTRAINT membership_plans_agreement_fkey FOREIGN KEY (practice_id, agreement_template_id) REFERENCES paperwork_templates (practice_id, id),
  CONSTRAINT membership_plans_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id)
);
SELECT protect_tenant_table('membership_plans', 'SELECT, INSERT, UPDATE');

-- The clinics where a plan is sold (and whose time zone its members are billed in).
CREATE TABLE membership_plan_clinics (
  practice_id uuid NOT NULL,
  plan_id uuid NOT NULL,
  clinic_id uuid NOT NULL,
  PRIMARY KEY (practice_id, plan_id, clinic_id),
  CONSTRAINT membership_plan_clinics_plan_fkey FOREIGN KEY (practice_id, plan_id) REFERENCES membership_plans (practice_id, id),
  CONSTRAINT membership_plan_clinics_clinic_fkey FOREIGN KEY (practice_id, clinic_id) REFERENCES clinics (practice_id, id)
);
SELECT protect_tenant_table('membership_plan_clinics', 'SELECT, INSERT, DELETE');

-- Coupon codes: percent or amount off a plan's price, for the first payment, the first N
-- payments or every payment. Redemptions are counted by a guarded UPDATE, so concurrent
-- enrolments never pass the limit.
CREATE TABLE membership_coupons (
  practice_id uuid NOT NULL REFERENCES practices (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL CHECK (code ~ '^[A-Z0-9_-]{3,40}$'),
  percent_off integer CHECK (percent_off BETWEEN 1 AND 100),
  amount_off_cents integer CHECK (amount_off_cents BETWEEN 1 AND 99999999),
  duration text NOT NULL CHECK (duration IN ('once', 'repeating', 'forever')),
  duration_payments integer CHECK (duration_payments BETWEEN 1 AND 120),
  max_redemptions integer CHECK (max_redemptions >= 1),
  redemptions integer NOT NULL DEFAULT 0 CHECK (redemptions >= 0),
  valid_from date,
  valid_until date,
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT membership_coupons_code_key UNIQUE (practice_id, code),
  CONSTRAINT membership_coupons_one_discount CHECK ((percent_off IS NULL) <> (amount_off_cents IS NULL)),
  CONSTRAINT membership_coupons_repeating_count CHECK ((duration = 'repeating') = (duration_payments IS NOT NULL)),
  CONSTRAINT membership_coupons_within_limit CHECK (max_redemptions IS NULL OR redemptions <= max_redemptions),
  CONSTRAINT membership_coupons_valid_dates CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from),
  CONSTRAINT membership_coupons_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id)
);
SELECT protect_tenant_table('membership_coupons', 'SELECT, INSERT, UPDATE');

-- The plans a coupon applies to; none listed means every plan.
CREATE TABLE membership_coupon_plans (
  practice_id uuid NOT NULL,
  coupon_id uuid NOT NULL,
  plan_id uuid NOT NULL,
  PRIMARY KEY (practice_id, coupon_id, plan_id),
  CONSTRAINT membership_coupon_plans_coupon_fkey FOREIGN KEY (practice_id, coupon_id) REFERENCES membership_coupons (practice_id, id),
  CONSTRAINT membership_coupon_plans_plan_fkey FOREIGN KEY (practice_id, plan_id) REFERENCES membership_plans (practice_id, id)
);
SELECT protect_tenant_table('membership_coupon_plans', 'SELECT, INSERT');

-- How the practice handles failed membership payments.
CREATE TABLE membership_settings (
  practice_id uuid PRIMARY KEY REFERENCES practices (id),
  -- Days after the draw date on which a declined payment is tried again; after the last, the member is suspended.
  retry_after_days integer[] NOT NULL DEFAULT '{3,6}',
  updated_at timestamptz NOT NULL,
  CHECK (cardinality(retry_after_days) <= 5)
);
SELECT protect_tenant_table('membership_settings', 'SELECT, INSERT, UPDATE');

-- A patient's membership. `enrolling` while the first payment is being charged and
-- `declined` when it was not: neither is a member, and lists never show them.
CREATE TABLE memberships (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL,
  plan_id uuid NOT NULL,
  clinic_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('enrolling', 'declined', 'active', 'past_due', 'suspended', 'on_hold', 'cancelled')),
  billing_interval text NOT NULL CHECK (billing_interval IN ('month', 'year')),
  -- The price of one interval when the member enrolled; the plan's later prices do not change it.
  price_cents integer NOT NULL CHECK (price_cents BETWEEN 1 AND 99999999),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- The anchor the member chose: never derived from a (clamped) previous draw.
  draw_day smallint NOT NULL CHECK (draw_day BETWEEN 1 AND 31),
  draw_month smallint NOT NULL CHECK (draw_month BETWEEN 1 AND 12),
  first_draw_month text NOT NULL CHECK (first_draw_month ~ '^[0-9]{4}-[0-9]{2}$'),
  enrolled_on date NOT NULL,
  minimum_term_ends_on date NOT NULL,
  payment_method_id uuid NOT NULL,
  coupon_id uuid,
  discount_percent integer CHECK (discount_percent BETWEEN 1 AND 100),
  discount_amount_cents integer CHECK (discount_amount_cents >= 1),
  -- How many payments (the enrolment payment is the first) the discount applies to; NULL: every one.
  discount_payments integer CHECK (discount_payments >= 1),
  agreement_assignment_id uuid,
  -- The next period to open (1 is the first draw after enrolment) and its draw date.
  next_period integer NOT NULL CHECK (next_period >= 1),
  next_draw_on date NOT NULL,
  -- When billing acts on this membership next (a draw or a retry); NULL: nothing scheduled.
  next_charge_at timestamptz,
  -- A billing run working on the membership holds it until then; a run that died lets it go.
  billing_lease_until timestamptz,
  -- On hold: draws before this date are skipped (NULL: until resumed).
  held_until date,
  -- Cancelled at the end of the paid period: the draw on this date does not happen.
  cancels_on date,
  cancelled_at timestamptz,
  enrolled_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (practice_id, id),
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  CHECK (status = 'on_hold' OR held_until IS NULL),
  CONSTRAINT memberships_patient_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CONSTRAINT memberships_plan_fkey FOREIGN KEY (practice_id, plan_id) REFERENCES membership_plans (practice_id, id),
  CONSTRAINT memberships_clinic_fkey FOREIGN KEY (practice_id, clinic_id) REFERENCES clinics (practice_id, id),
  CONSTRAINT memberships_payment_method_fkey FOREIGN KEY (practice_id, payment_method_id) REFERENCES payment_methods (practice_id, id),
  CONSTRAINT memberships_coupon_fkey FOREIGN KEY (practice_id, coupon_id) REFERENCES membership_coupons (practice_id, id),
  CONSTRAINT memberships_agreement_fkey FOREIGN KEY (practice_id, agreement_assignment_id) REFERENCES paperwork_assignments (practice_id, id),
  CONSTRAINT memberships_enrolled_by_fkey FOREIGN KEY (practice_id, enrolled_by) REFERENCES staff (practice_id, id)
);
-- A patient holds a plan at most once at a time (several different plans are fine).
CREATE UNIQUE INDEX memberships_one_live_per_plan ON memberships (practice_id, patient_id, plan_id)
  WHERE status NOT IN ('declined', 'cancelled');
-- The billing scan's question, across practices: what is due now.
CREATE INDEX memberships_due_idx ON memberships (next_charge_at) WHERE next_charge_at IS NOT NULL;
CREATE INDEX memberships_status_idx ON memberships (practice_id, status, created_at);
CREATE INDEX memberships_patient_idx ON memberships (practice_id, patient_id);
SELECT protect_tenant_table('memberships', 'SELECT, INSERT, UPDATE');

-- One row per billing period of a membership, keyed by its number (0: the enrolment
-- payment): whoever opens a period's invoice, it exists once, and so does its charge.
CREATE TABLE membership_periods (
  practice_id uuid NOT NULL,
  membership_id uuid NOT NULL,
  number integer NOT NULL CHECK (number >= 0),
  draw_date date NOT NULL,
  status text NOT NULL CHECK (status IN ('charging', 'paid', 'retrying', 'failed', 'attention', 'held')),
  invoice_id uuid,
  amount_cents integer NOT NULL CHECK (amount_cents >= 0),
  failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  next_retry_on date,
  created_at timestamptz NOT NULL,
  settled_at timestamptz,
  PRIMARY KEY (practice_id, membership_id, number),
  CONSTRAINT membership_periods_invoice_key UNIQUE (practice_id, invoice_id),
  CHECK ((status = 'held') = (invoice_id IS NULL)),
  CONSTRAINT membership_periods_membership_fkey FOREIGN KEY (practice_id, membership_id) REFERENCES memberships (practice_id, id),
  CONSTRAINT membership_periods_invoice_fkey FOREIGN KEY (practice_id, invoice_id) REFERENCES invoices (practice_id, id)
);
SELECT protect_tenant_table('membership_periods', 'SELECT, INSERT, UPDATE');

-- Membership fees are invoiced like any sale: kind 'membership', with no appointment.
ALTER TABLE invoices DROP CONSTRAINT invoices_kind_check;
ALTER TABLE invoices ADD CONSTRAINT invoices_kind_check
  CHECK (kind IN ('service', 'cancellation_fee', 'no_show_fee', 'product', 'membership'));
DO $$
DECLARE
  found text;
BEGIN
  -- 0007 left this rule unnamed; it is replaced by a named one that lets membership invoices stand alone.
  SELECT conname INTO found FROM pg_constraint
   WHERE conrelid = 'invoices'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%appointment_id IS NOT NULL%';
  IF found IS NOT NULL THEN
    EXECUTE format('ALTER TABLE invoices DROP CONSTRAINT %I', found);
  END IF;
END $$;
ALTER TABLE invoices ADD CONSTRAINT invoices_appointment_unless_standalone
  CHECK (kind IN ('product', 'membership') OR appointment_id IS NOT NULL);
