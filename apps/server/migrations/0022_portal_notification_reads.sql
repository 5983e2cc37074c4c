-- The portal's Notifications list what the practice sent a patient (confirmations, paperwork
-- requests, reminders: the messages module's sent messages to that patient); this records
-- which of them the patient has opened there, so the list shows read and unread and the
-- dashboard's badge counts the unread.
CREATE TABLE portal_notification_reads (
  practice_id uuid NOT NULL,
  message_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  read_at timestamptz NOT NULL,
  PRIMARY KEY (practice_id, message_id),
  CONSTRAINT portal_notification_reads_message_fkey FOREIGN KEY (practice_id, message_id) REFERENCES messages (practice_id, id),
  CONSTRAINT portal_notification_reads_patient_fkey FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id)
);
SELECT protect_tenant_table('portal_notification_reads', 'SELECT, INSERT');
