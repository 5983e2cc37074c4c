-- Membership perks at checkout and in the wallet, and moving members to a plan's current
-- price (docs/decisions/034).

-- Whether a Past Due member keeps the plan's perks (its checkout discount) until the
-- outstanding payment is settled. On Hold, Suspended and Cancelled members never do.
ALTER TABLE membership_settings ADD COLUMN perks_while_past_due boolean NOT NULL DEFAULT false;

-- An owner's explicit move of a member to the plan's current price: the new price applies
-- from the period it names, and the member was emailed (the outbox message's dedupe key is
-- membership:<id>:price-change:<this id>). Existing members otherwise keep their price.
CREATE TABLE membership_price_changes (
  practice_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  membership_id uuid NOT NULL,
  plan_id uuid NOT NULL,
  old_price_cents integer NOT NULL CHECK (old_price_cents BETWEEN 1 AND 99999999),
  new_price_cents integer NOT NULL CHECK (new_price_cents BETWEEN 1 AND 99999999),
  -- The first period billed at the new price, and its draw date.
  effective_period integer NOT NULL CHECK (effective_period >= 1),
  effective_on date NOT NULL,
  -- When the notice was queued in the outbox (NULL: the client has no email address).
  notified_at timestamptz,
  changed_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (practice_id, id),
  CONSTRAINT membership_price_changes_membership_fkey FOREIGN KEY (practice_id, membership_id) REFERENCES memberships (practice_id, id),
  CONSTRAINT membership_price_changes_plan_fkey FOREIGN KEY (practice_id, plan_id) REFERENCES membership_plans (practice_id, id),
  CONSTRAINT membership_price_changes_changed_by_fkey FOREIGN KEY (practice_id, changed_by) REFERENCES staff (practice_id, id)
);
CREATE INDEX membership_price_changes_membership_idx ON membership_price_changes (practice_id, membership_id, created_at);
SELECT protect_tenant_table('membership_price_changes', 'SELECT, INSERT');
