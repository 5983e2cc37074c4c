-- The book flags a patient's first visit: no earlier appointment of theirs took place
-- (checked in, in procedure or completed). Without this index that test read every
-- appointment of the practice for each list, growing with the practice's history (11 ms for
-- 10,000 appointments); with it, each patient's earlier visits that took place are one probe.
CREATE INDEX appointments_took_place_idx ON appointments (practice_id, patient_id, starts_at)
  WHERE kind = 'appointment' AND status IN ('checked_in', 'in_procedure', 'completed');
