-- A membership plan's agreement is a consent signed for the membership, not for a visit
-- (docs/decisions/030): such an assignment has no appointment. Only a consent can stand alone.
ALTER TABLE paperwork_assignments ALTER COLUMN appointment_id DROP NOT NULL;
ALTER TABLE paperwork_assignments ADD CONSTRAINT paperwork_assignments_visit_unless_consent
  CHECK (appointment_id IS NOT NULL OR kind = 'consent');
-- At most one unsigned agreement per client and template: preparing it again (a second
-- click, two staff members at once, staff and the portal) finds the one already sent.
CREATE UNIQUE INDEX paperwork_assignments_one_open_agreement
  ON paperwork_assignments (practice_id, patient_id, template_id)
  WHERE appointment_id IS NULL AND status = 'not_signed';
-- A signed agreement belongs to one membership; a declined enrolment's stays free for the retry.
CREATE UNIQUE INDEX memberships_one_per_agreement ON memberships (practice_id, agreement_assignment_id)
  WHERE agreement_assignment_id IS NOT NULL AND status <> 'declined';
