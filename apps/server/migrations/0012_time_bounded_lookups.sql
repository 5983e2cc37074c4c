-- Finding what overlaps [from, to) by "ends after from" (migration 0010) reads everything that
-- ends later: a provider's or a clinic's whole future book, which grows for as long as a
-- clinic books ahead. Almost everything lasts less than a day, and what does must start
-- after from - 1 day, so the lookups bound the start on both sides with an index on it and
-- find the rare longer spans (an out-of-office week, a holiday) through a small index of
-- their own. Each row says whether it lasts over a day in a stored column: under row-level
-- security only leakproof operators reach an index scan, and timestamp subtraction is not
-- one, while reading a boolean column is.

ALTER TABLE appointments
  ADD COLUMN over_a_day boolean GENERATED ALWAYS AS (ends_at - starts_at > interval '24 hours') STORED;
CREATE INDEX appointments_over_a_day_idx ON appointments (practice_id, ends_at) WHERE over_a_day;
-- The book's list now reads appointments_clinic_time_idx and appointments_provider_time_idx.
DROP INDEX appointments_clinic_end_idx;
DROP INDEX appointments_provider_end_idx;

-- A claim's period is [start, end); an unbounded end counts as long.
ALTER TABLE provider_claims
  ADD COLUMN starts_at timestamptz GENERATED ALWAYS AS (lower(period)) STORED,
  ADD COLUMN over_a_day boolean GENERATED ALWAYS AS (coalesce(upper(period) - lower(period) > interval '24 hours', true)) STORED;
CREATE INDEX provider_claims_start_idx ON provider_claims (practice_id, provider_id, starts_at);
CREATE INDEX provider_claims_over_a_day_idx ON provider_claims (practice_id, provider_id, ends_at) WHERE over_a_day;
DROP INDEX provider_claims_end_idx;

ALTER TABLE resource_claims
  ADD COLUMN starts_at timestamptz GENERATED ALWAYS AS (lower(period)) STORED,
  ADD COLUMN over_a_day boolean GENERATED ALWAYS AS (coalesce(upper(period) - lower(period) > interval '24 hours', true)) STORED;
CREATE INDEX resource_claims_start_idx ON resource_claims (practice_id, resource_id, starts_at);
CREATE INDEX resource_claims_over_a_day_idx ON resource_claims (practice_id, resource_id, ends_at) WHERE over_a_day;
DROP INDEX resource_claims_end_idx;
