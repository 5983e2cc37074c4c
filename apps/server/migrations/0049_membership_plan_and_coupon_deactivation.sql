-- Deactivating membership plans and coupon codes, and editing coupons (docs/decisions/044).
-- A deactivated plan is no longer sold (staff and portal enrolment refuse it); its members
-- keep their billing, perks and price. A deactivated coupon is refused at enrolment like an
-- expired one; members who redeemed it keep their discount.
ALTER TABLE membership_plans ADD COLUMN deactivated_at timestamptz;

ALTER TABLE membership_coupons ADD COLUMN deactivated_at timestamptz;
ALTER TABLE membership_coupons ADD COLUMN updated_at timestamptz;
UPDATE membership_coupons SET updated_at = created_at;
ALTER TABLE membership_coupons ALTER COLUMN updated_at SET NOT NULL;
ALTER TABLE membership_coupons ADD COLUMN version integer NOT NULL DEFAULT 1;

-- An edit replaces the plans a coupon applies to.
GRANT DELETE ON membership_coupon_plans TO glowdesk_app;
