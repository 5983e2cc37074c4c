-- Online booking (decision 023): patients book on /book/<slug> with their portal session,
-- and may save a card and accept the clinic's cancellation policy while doing so.

-- "Require a card on file to book online": the booking page takes a card and the patient's
-- acceptance of the clinic's cancellation policy before it books this service.
ALTER TABLE services ADD COLUMN requires_card_for_online_booking boolean NOT NULL DEFAULT false;

-- Who made the booking: the front desk ('staff', created_by names the staff member) or the
-- patient on the booking page ('online', created_by is NULL; the 'created' event and the
-- audit trail name the patient).
ALTER TABLE appointments ADD COLUMN source text NOT NULL DEFAULT 'staff' CHECK (source IN ('staff', 'online'));
ALTER TABLE appointments ALTER COLUMN created_by DROP NOT NULL;
ALTER TABLE appointments ADD CONSTRAINT appointments_created_by_check CHECK (source = 'online' OR created_by IS NOT NULL);

-- A card the patient saved in the portal or on the booking page has no staff member behind it.
ALTER TABLE payment_methods ALTER COLUMN created_by DROP NOT NULL;

-- The evidence for fees when the patient, not the front desk, gave the card at booking: the
-- same append-only table the no-show and late-cancellation fee code already reads (newest row
-- of an appointment in force), with the patient as the one who accepted the policy version
-- named, when (authorized_at), from where (client_ip, user_agent).
ALTER TABLE booking_card_authorizations ALTER COLUMN authorized_by DROP NOT NULL;
ALTER TABLE booking_card_authorizations
  ADD COLUMN accepted_by_patient boolean NOT NULL DEFAULT false;
ALTER TABLE booking_card_authorizations
  ADD CONSTRAINT booking_card_authorizations_authorized_by_check CHECK (accepted_by_patient OR authorized_by IS NOT NULL);
