-- The client wallet (docs/decisions/026): an append-only ledger per patient of dollar
-- credits, rewards and prepaid units. Every grant is a lot; every other entry names the lot
-- it draws from or gives back to, so a lot's remaining amount is the sum of its entries and
-- a balance is the sum of the lots that have not expired. Nothing is ever edited.

-- Practice-wide wallet rules: the currency credits are kept in and the reward earned per
-- $100 paid on an invoice (0 = no rewards).
CREATE TABLE wallet_settings (
  practice_id uuid PRIMARY KEY REFERENCES practices (id),
  currency char(3) NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  reward_cents_per_100_dollars integer NOT NULL DEFAULT 0 CHECK (reward_cents_per_100_dollars BETWEEN 0 AND 10000),
  reward_valid_days integer CHECK (reward_valid_days BETWEEN 1 AND 3650),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT wallet_settings_updated_by_fkey FOREIGN KEY (practice_id, updated_by) REFERENCES staff (practice_id, id)
);
SELECT protect_tenant_table('wallet_settings', 'SELECT, INSERT, UPDATE');

-- One row per patient with a wallet: what a spending transaction locks (SELECT … FOR UPDATE)
-- before it sums the lots, so two checkouts never spend the same credit.
CREATE TABLE wallets (
  practice_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, patient_id),
  CONSTRAINT wallets_patient_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id)
);
-- UPDATE only so that SELECT … FOR UPDATE may lock the row; no column is ever changed.
SELECT protect_tenant_table('wallets', 'SELECT, INSERT, UPDATE');

CREATE TABLE wallet_entries (
  practice_id uuid NOT NULL,
  id uuid NOT NULL,
  -- The order entries were written in (several share one transaction's time).
  seq bigint GENERATED ALWAYS AS IDENTITY,
  patient_id uuid NOT NULL,
  -- Which balance: dollar credits, rewards, or prepaid units of one service or product.
  balance text NOT NULL CHECK (balance IN ('credit', 'reward', 'prepaid')),
  -- Grants (credit_added, purchase, reward_earned) open a lot; redemption and removal draw
  -- from one; a reversal gives a redemption back or takes an unspent purchase back.
  kind text NOT NULL CHECK (kind IN ('credit_added', 'purchase', 'reward_earned', 'redemption', 'removal', 'reversal')),
  lot_id uuid NOT NULL,
  amount_cents integer CHECK (amount_cents BETWEEN -99999999 AND 99999999),
  currency char(3) CHECK (currency ~ '^[A-Z]{3}$'),
  quantity integer CHECK (quantity BETWEEN -100000 AND 100000),
  service_id uuid,
  product_name text CHECK (length(product_name) BETWEEN 1 AND 200),
  -- Last day the lot counts (inclusive, the practice's local date); grants only.
  expires_on date,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  invoice_id uuid,
  payment_id uuid,
  refund_id uuid,
  -- The client's Idempotency-Key, kept on the first entry a request wrote.
  request_key text CHECK (length(request_key) BETWEEN 1 AND 200),
  request_fingerprint text CHECK (request_fingerprint ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT wallet_entries_request_key UNIQUE (practice_id, request_key),
  CHECK ((balance = 'prepaid') = (quantity IS NOT NULL)),
  CHECK ((balance = 'prepaid') = (amount_cents IS NULL)),
  CHECK ((balance = 'prepaid') = (currency IS NULL)),
  CHECK (balance = 'prepaid' OR (service_id IS NULL AND product_name IS NULL)),
  CHECK (balance <> 'prepaid' OR kind NOT IN ('credit_added', 'purchase', 'reward_earned') OR ((service_id IS NULL) <> (product_name IS NULL))),
  CHECK ((kind IN ('credit_added', 'purchase', 'reward_earned')) = (lot_id = id)),
  CHECK (kind IN ('credit_added', 'purchase', 'reward_earned') OR expires_on IS NULL),
  CHECK (CASE
    WHEN kind IN ('credit_added', 'purchase', 'reward_earned') THEN coalesce(amount_cents, quantity) > 0
    WHEN kind IN ('redemption', 'removal') THEN coalesce(amount_cents, quantity) < 0
    ELSE coalesce(amount_cents, quantity) <> 0 END),
  CHECK (request_fingerprint IS NULL OR request_key IS NOT NULL),
  CONSTRAINT wallet_entries_wallet_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES wallets (practice_id, patient_id),
  CONSTRAINT wallet_entries_lot_fkey FOREIGN KEY (practice_id, lot_id) REFERENCES wallet_entries (practice_id, id),
  CONSTRAINT wallet_entries_service_fkey FOREIGN KEY (practice_id, service_id) REFERENCES services (practice_id, id),
  CONSTRAINT wallet_entries_invoice_fkey FOREIGN KEY (practice_id, invoice_id) REFERENCES invoices (practice_id, id),
  CONSTRAINT wallet_entries_payment_fkey FOREIGN KEY (practice_id, payment_id) REFERENCES invoice_payments (practice_id, id),
  CONSTRAINT wallet_entries_refund_fkey FOREIGN KEY (practice_id, refund_id) REFERENCES invoice_refunds (practice_id, id),
  CONSTRAINT wallet_entries_created_by_fkey FOREIGN KEY (practice_id, created_by) REFERENCES staff (practice_id, id)
);
CREATE INDEX wallet_entries_patient_idx ON wallet_entries (practice_id, patient_id, seq);
CREATE INDEX wallet_entries_lot_idx ON wallet_entries (practice_id, lot_id);
CREATE INDEX wallet_entries_invoice_idx ON wallet_entries (practice_id, invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX wallet_entries_payment_idx ON wallet_entries (practice_id, payment_id) WHERE payment_id IS NOT NULL;
SELECT protect_tenant_table('wallet_entries', 'SELECT, INSERT');

-- The ledger refuses edits and deletions from anyone, the table's owner included.
CREATE FUNCTION wallet_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'wallet entries are append-only: add a reversal instead of changing entry %', OLD.id
    USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER wallet_entries_append_only BEFORE UPDATE OR DELETE ON wallet_entries
  FOR EACH ROW EXECUTE FUNCTION wallet_entries_append_only();

-- Invoices learn the wallet: a line may sell a dollar credit or prepaid units (granted once
-- the invoice is paid in full) or be paid by a prepaid unit (a negative line), and a payment
-- or a refund may be wallet credit.
DO $$
DECLARE found record;
BEGIN
  FOR found IN
    SELECT conrelid::regclass AS table_name, conname FROM pg_constraint
    WHERE contype = 'c' AND (
      (conrelid = 'invoice_lines'::regclass AND pg_get_constraintdef(oid) LIKE '%discount%')
      OR (conrelid = 'invoice_payments'::regclass AND pg_get_constraintdef(oid) LIKE '%cash%')
      OR (conrelid = 'invoice_refunds'::regclass AND pg_get_constraintdef(oid) LIKE '%''cash''%'))
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', found.table_name, found.conname);
  END LOOP;
END
$$;

ALTER TABLE invoice_lines
  ADD COLUMN wallet_expires_on date,
  ADD CONSTRAINT invoice_lines_kind_check
    CHECK (kind IN ('service', 'product', 'fee', 'discount', 'tax', 'wallet_credit', 'prepaid', 'prepaid_redemption')),
  ADD CONSTRAINT invoice_lines_sign_check
    CHECK (CASE WHEN kind IN ('discount', 'prepaid_redemption') THEN unit_amount_cents < 0 ELSE unit_amount_cents >= 0 END),
  ADD CONSTRAINT invoice_lines_wallet_expiry_check CHECK (wallet_expires_on IS NULL OR kind IN ('wallet_credit', 'prepaid'));

ALTER TABLE invoice_payments
  ADD CONSTRAINT invoice_payments_method_check CHECK (method IN ('card_on_file', 'new_card', 'cash', 'wallet_credit')),
  ADD CONSTRAINT invoice_payments_card_check CHECK ((method IN ('cash', 'wallet_credit')) = (payment_method_id IS NULL)),
  ADD CONSTRAINT invoice_payments_settled_at_once_check
    CHECK (method NOT IN ('cash', 'wallet_credit') OR (status = 'succeeded' AND gateway IS NULL)),
  ADD CONSTRAINT invoice_payments_tendered_check CHECK (method = 'cash' OR (amount_tendered_cents IS NULL AND change_due_cents IS NULL)),
  ADD CONSTRAINT invoice_payments_charge_id_check
    CHECK (NOT (method NOT IN ('cash', 'wallet_credit') AND status = 'succeeded' AND gateway_charge_id IS NULL));

ALTER TABLE invoice_refunds
  ADD CONSTRAINT invoice_refunds_method_check CHECK (method IN ('card', 'cash', 'wallet_credit'));
