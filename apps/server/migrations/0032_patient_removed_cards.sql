-- A patient removes their own card in the portal's Payment Methods (docs/decisions/028): no
-- staff member is behind it, so removed_by stays NULL and removed_by_patient says who did it
-- (the audit trail names the patient, or the guardian acting for them).
ALTER TABLE payment_methods ADD COLUMN removed_by_patient boolean NOT NULL DEFAULT false;
-- 0006's unnamed CHECK ((removed_at IS NULL) = (removed_by IS NULL)), the table's second.
ALTER TABLE payment_methods DROP CONSTRAINT payment_methods_check1;
ALTER TABLE payment_methods ADD CONSTRAINT payment_methods_removed_by_check CHECK (
  (removed_at IS NULL) = (removed_by IS NULL AND NOT removed_by_patient)
  AND NOT (removed_by IS NOT NULL AND removed_by_patient)
);
