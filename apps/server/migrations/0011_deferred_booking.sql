-- A booking's statement checks the provider's time and, when bookings are in the way,
-- fails with this error instead of returning them: the statement can then travel in the
-- same round trip as the transaction's COMMIT (or its next statement), and a conflict still
-- stops everything after it. The error's detail is the conflicting bookings as JSON
-- ([{"appointmentId", "startsAt", "endsAt"}], epoch milliseconds), for the 409 to name them.
CREATE FUNCTION raise_booking_conflict(conflicts json) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The provider already has bookings at this time'
    USING ERRCODE = 'GB409', DETAIL = conflicts::text;
END $$;

-- A new exclusive claim must not overlap any claim of its provider. Overlaps with another
-- exclusive claim are the exclusion constraint's to refuse; the booking statement looks up
-- only the double-booked (non-exclusive) claims in its way, which this index finds without
-- reading the provider's other future bookings. The bookings behind a refused overlap are
-- looked up (with every claim) only when it happens, to name them.
CREATE INDEX provider_claims_shared_end_idx ON provider_claims (practice_id, provider_id, ends_at) WHERE NOT exclusive;
