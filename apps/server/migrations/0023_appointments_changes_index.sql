-- The open appointment book polls a change token of its practice every few seconds (decision
-- 022): the latest updated_at and the rows updated within five minutes of it. This index makes
-- both an index-only probe at the top of the practice's range instead of a read of every
-- appointment it ever had.
CREATE INDEX appointments_changes_idx ON appointments (practice_id, updated_at) INCLUDE (version);
