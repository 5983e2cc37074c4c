-- A patient who cancels in the portal inside the cancellation window accepts the fee there,
-- and its invoice and card attempt are opened by the patient, not by a staff member: the
-- invoice's created_by (a staff id) is empty for those, and its history, payments and audit
-- trail name the patient instead.
ALTER TABLE invoices ALTER COLUMN created_by DROP NOT NULL;
