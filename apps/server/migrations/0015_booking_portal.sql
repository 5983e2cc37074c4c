-- Settings → Booking Portal: what every patient sees on the portal's dashboard (Important
-- Reminders, promotional banners) and how long before an appointment patients may still
-- confirm, reschedule or cancel it there. A practice without a row uses the defaults in
-- apps/server/src/modules/portal/booking-portal-rules.ts.

CREATE TABLE portal_settings (
  practice_id uuid PRIMARY KEY REFERENCES practices (id),
  -- At most 50 words (checked by the API); NULL when the practice shows none.
  important_reminders text CHECK (length(important_reminders) BETWEEN 1 AND 600),
  -- Hours before the start at which each portal action closes; NULL: not offered in the portal.
  confirm_closes_hours integer CHECK (confirm_closes_hours BETWEEN 0 AND 720),
  reschedule_closes_hours integer CHECK (reschedule_closes_hours BETWEEN 0 AND 720),
  cancel_closes_hours integer CHECK (cancel_closes_hours BETWEEN 0 AND 720),
  updated_at timestamptz NOT NULL,
  updated_by uuid NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1)
);
SELECT protect_tenant_table('portal_settings');

-- Promotional banners: each shows on the dashboard while enabled and between its first and
-- last day (inclusive), read as dates in the practice's time zone.
CREATE TABLE portal_banners (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices (id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 200),
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1)
);
CREATE INDEX portal_banners_practice_idx ON portal_banners (practice_id, starts_on);
SELECT protect_tenant_table('portal_banners');
