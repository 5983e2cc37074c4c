-- A membership enrolment whose first payment is declined enrols nothing, and its invoice is
-- voided so nothing is left owing. Staff who enrolled void it as themselves; a patient's own
-- enrolment in the portal is voided by the system, which is no staff member: such a void keeps
-- its time and reason with no voided_by (its history and audit trail name the system). A
-- staff id on an invoice still means it was voided.
DO $$
DECLARE
  found text;
BEGIN
  -- 0007 left this rule unnamed.
  SELECT conname INTO found FROM pg_constraint
   WHERE conrelid = 'invoices'::regclass AND contype = 'c'
     AND pg_get_constraintdef(oid) LIKE '%(voided_at IS NULL) = (voided_by IS NULL)%';
  IF found IS NOT NULL THEN
    EXECUTE format('ALTER TABLE invoices DROP CONSTRAINT %I', found);
  END IF;
END $$;
ALTER TABLE invoices ADD CONSTRAINT invoices_voided_by_only_when_voided CHECK (voided_by IS NULL OR voided_at IS NOT NULL);
