-- Looking up bookings that overlap a time needs an index the restricted role can use. Under
-- row-level security PostgreSQL applies only leakproof operators inside an index scan, and
-- the range overlap operator (&&) is not one: a provider's conflicts, busy time and week
-- were found by reading every claim or appointment the provider ever had. Timestamp
-- comparisons are leakproof, so each claim carries the end of its period as a column and
-- the lookups add "ends after the start" to their overlap test, which these indexes answer
-- (past bookings are skipped; && still decides the overlap). The exclusion constraints,
-- checked by the server itself, are unchanged.

ALTER TABLE provider_claims
  ADD COLUMN ends_at timestamptz GENERATED ALWAYS AS (coalesce(upper(period), 'infinity')) STORED;
CREATE INDEX provider_claims_end_idx ON provider_claims (practice_id, provider_id, ends_at);
-- The GiST index over every claim served only its (practice, provider) prefix under
-- row-level security, which the index above serves better; it cost each booking a GiST
-- insert. The exclusion constraint keeps its own index over the exclusive claims.
DROP INDEX provider_claims_period_idx;

ALTER TABLE resource_claims
  ADD COLUMN ends_at timestamptz GENERATED ALWAYS AS (coalesce(upper(period), 'infinity')) STORED;
CREATE INDEX resource_claims_end_idx ON resource_claims (practice_id, resource_id, ends_at);

-- The book's list asks for appointments with starts_at < to AND ends_at > from.
CREATE INDEX appointments_provider_end_idx ON appointments (practice_id, provider_id, ends_at);
CREATE INDEX appointments_clinic_end_idx ON appointments (practice_id, clinic_id, ends_at);
